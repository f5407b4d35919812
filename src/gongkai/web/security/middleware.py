"""Control characters in the URL: a path holding one names nothing (404), and query parameters are
cleaned like form data — PostgreSQL refuses a NUL in a query, which would otherwise be a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from .forms import clean_data
from .text import clean_text


class ControlCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if clean_text(request.path) != request.path.replace("\r", ""):
            raise Http404("地址中含有无效字符。")
        if request.GET:
            request.GET = clean_data(request.GET)
        return self.get_response(request)
