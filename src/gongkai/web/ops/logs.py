"""Logging: a JSON formatter (``GONGKAI_LOG_FORMAT=json``) and the filter that keeps a 4xx to one line.

Django's ``django.request`` logger reports a 403 or 404 as a warning *with the exception*, which a
handler prints as a traceback; the access log of :class:`~gongkai.web.ops.middleware.RequestLogMiddleware`
already has the line, so :class:`ClientErrorFilter` drops Django's record below 500. Server errors
(5xx) keep their traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback

#: Record attributes written as JSON fields when present (ids only: no personal data).
FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id")


class ClientErrorFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return int(getattr(record, "status_code", 500) or 500) >= 500


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request fields, and for an
    error with an exception its type, message and traceback (as one string)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = f"{record.exc_info[0].__name__}: {record.exc_info[1]}"
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(log_format: str, level: str = "WARNING") -> dict[str, object]:
    """Django's ``LOGGING``: one console handler, plain text or JSON, and one line per request."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"client_errors": {"()": "gongkai.web.ops.logs.ClientErrorFilter"}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json": {"()": "gongkai.web.ops.logs.JsonFormatter"},
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": log_format}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"filters": ["client_errors"]},
            "django.security": {"filters": ["client_errors"]},
            "gongkai.request": {"level": "INFO"},
        },
    }
