"""Per-agency isolation, in one place.

Who may see and who may change what is decided here and nowhere else; views and services call these
functions and never filter by agency by hand.

- A membership gives its role in its agency.
- A **supervisor** membership (a superior 政务公开办) lets its holder *read* the agency's whole subtree;
  it never grants writing.
- The **system administrator** (``is_superuser``) reads everything but writes agency data only
  through a membership of their own: administering the system is not handling cases.
- Applicants and anonymous visitors see no agency data through these functions (their own
  applications are reached through the applicant link, not through an agency).

Agency-owned models use :class:`AgencyScopedQuerySet` as their manager and name the path to their
agency in ``scope_field`` (``"agency"`` by default, or e.g. ``"application__agency"``). A model may
name further agencies that *read* a row in ``scope_also_fields`` — an application routed to an agency
is read by it while it waits for its 签收, a routing record by both ends (D47); writing stays with
the roles each service checks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from gongkai.web.agencies.models import Agency, AgencyQuerySet

from .roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

#: Roles that change an agency's data (everyone but the supervisor).
WRITE_ROLES: tuple[str, ...] = (Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.AGENCY_ADMIN)
#: Every role; with :func:`require` it means "may read this agency".
READ_ROLES: tuple[str, ...] = (*WRITE_ROLES, Role.SUPERVISOR)

_M = TypeVar("_M", bound=models.Model)


def _memberships(user: Any) -> models.QuerySet[Any]:
    from .models import Membership

    return Membership.objects.filter(user=user, is_active=True, user__is_active=True)


def _is_signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def visible_agency_ids(user: Any) -> set[int] | None:
    """Ids of the agencies ``user`` may read; ``None`` means all (system administrator)."""
    if not _is_signed_in(user):
        return set()
    if user.is_superuser:
        return None
    direct: set[int] = set()
    supervised: set[int] = set()
    for agency_id, role in _memberships(user).values_list("agency_id", "role"):
        (supervised if role == Role.SUPERVISOR else direct).add(agency_id)
    return direct | Agency.objects.subtree_ids(supervised)


def visible_agencies(user: Any) -> AgencyQuerySet:
    """The agencies ``user`` may read: their memberships' agencies, and supervised subtrees."""
    ids = visible_agency_ids(user)
    if ids is None:
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=ids)


def writable_agencies(user: Any, roles: Iterable[str] = WRITE_ROLES) -> AgencyQuerySet:
    """The agencies where ``user`` holds one of ``roles`` (the supervisor role never writes)."""
    wanted = [r for r in roles if r != Role.SUPERVISOR]
    if not _is_signed_in(user) or not wanted:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=_memberships(user).filter(role__in=wanted).values("agency_id"))


def roles_in(user: Any, agency: Agency) -> set[str]:
    """The roles ``user`` holds in ``agency`` itself, plus ``supervisor`` if it supervises it."""
    if not _is_signed_in(user):
        return set()
    roles: set[str] = set()
    supervising: set[int] = set()
    for agency_id, role in _memberships(user).values_list("agency_id", "role"):
        if role == Role.SUPERVISOR:
            supervising.add(agency_id)
        elif agency_id == agency.pk:
            roles.add(role)
    if supervising and (agency.pk in supervising or supervising & {a.pk for a in agency.ancestors()}):
        roles.add(Role.SUPERVISOR)
    return roles


def can_read(user: Any, agency: Agency) -> bool:
    ids = visible_agency_ids(user)
    return ids is None or agency.pk in ids


def has_role(user: Any, agency: Agency, roles: Iterable[str]) -> bool:
    """True when ``user`` may act on ``agency`` in one of ``roles``.

    Including :attr:`Role.SUPERVISOR` in ``roles`` makes it a read check: supervisors of the
    subtree and system administrators pass.
    """
    wanted = set(roles)
    if not _is_signed_in(user):
        return False
    if Role.SUPERVISOR in wanted and user.is_superuser:
        return True
    return bool(roles_in(user, agency) & wanted)


def can_supervise(user: Any, agency: Agency) -> bool:
    """True when ``user`` holds a supervisor membership on ``agency`` or one of its ancestors.

    The supervisor's only writes — 督办 notices and review decisions on anomaly flags
    (gongkai.web.supervision) — need this; reading needs :func:`has_role` with ``SUPERVISOR``. The
    system administrator does not pass without a membership of its own (D10).
    """
    return Role.SUPERVISOR in roles_in(user, agency)


def require(user: Any, agency: Agency, roles: Iterable[str] = WRITE_ROLES) -> None:
    """Raise ``PermissionDenied`` (HTTP 403) unless :func:`has_role`."""
    if not has_role(user, agency, roles):
        raise PermissionDenied("您没有权限在该机关执行此操作。")


class AgencyScopedQuerySet(models.QuerySet[_M]):
    """The manager of every agency-owned model: ``Model.objects.visible_to(user)``.

    The model names the lookup path to its agency in ``scope_field`` (default ``"agency"``).
    """

    def _scope_field(self) -> str:
        return str(getattr(self.model, "scope_field", "agency"))

    def visible_to(self, user: Any) -> AgencyScopedQuerySet[_M]:
        ids = visible_agency_ids(user)
        if ids is None:
            return self.all()
        condition = models.Q(**{f"{self._scope_field()}__in": ids})
        for extra in getattr(self.model, "scope_also_fields", ()):
            condition |= models.Q(**{f"{extra}__in": ids})
        return self.filter(condition)

    def writable_by(self, user: Any, roles: Iterable[str] = WRITE_ROLES) -> AgencyScopedQuerySet[_M]:
        return self.filter(**{f"{self._scope_field()}__in": writable_agencies(user, roles).values("pk")})


def agency_of(obj: models.Model) -> Agency | None:
    """The agency owning ``obj``, following its model's ``scope_field`` path (or ``obj`` itself)."""
    if isinstance(obj, Agency):
        return obj
    path = getattr(type(obj), "scope_field", "agency")
    node: Any = obj
    for part in path.split("__"):
        node = getattr(node, part, None)
        if node is None:
            return None
    return node if isinstance(node, Agency) else None


def reading_agencies(obj: models.Model) -> list[Agency]:
    """The agencies whose readers may read ``obj``: its owner and its model's ``scope_also_fields``."""
    found = [agency_of(obj)]
    for extra in getattr(type(obj), "scope_also_fields", ()):
        node = getattr(obj, extra, None)
        found.append(node if isinstance(node, Agency) else None)
    return [a for a in found if a is not None]


def can_read_object(user: Any, obj: models.Model) -> bool:
    """True when ``user`` may read ``obj`` through any of :func:`reading_agencies`."""
    return any(has_role(user, a, READ_ROLES) for a in reading_agencies(obj))


def require_read(user: Any, obj: models.Model) -> None:
    """Raise ``PermissionDenied`` (HTTP 403) unless :func:`can_read_object`."""
    if not can_read_object(user, obj):
        raise PermissionDenied("您没有权限查看该记录。")


View = Callable[..., HttpResponse]


def _to_sign_in(request: HttpRequest) -> HttpResponse:
    # Imported here: django.contrib.auth.views needs the user model, which imports this module.
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.get_full_path())


def agency_role_required(
    *roles: str, get_agency: Callable[..., Agency] | None = None
) -> Callable[[View], View]:
    """Decorate a view so that only holders of ``roles`` in the URL's agency reach it.

    By default the agency is the URL keyword ``agency`` (its ``code``), and the view receives the
    :class:`Agency` object in its place. ``get_agency(request, **kwargs)`` can find it otherwise
    (e.g. from the object in the URL). Anonymous visitors are sent to sign in; signed-in users
    without the role get 403. With no ``roles``, any reader of the agency passes (READ_ROLES).
    """
    wanted = roles or READ_ROLES

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return _to_sign_in(request)
            if get_agency is None:
                agency = get_object_or_404(Agency, code=kwargs["agency"])
                kwargs["agency"] = agency
            else:
                agency = get_agency(request, *args, **kwargs)
            require(request.user, agency, wanted)
            request.agency = agency  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class AgencyRoleRequiredMixin:
    """Class-based view counterpart of :func:`agency_role_required`.

    Set ``required_roles``; override ``get_agency()`` when the agency is not the URL keyword
    ``agency``. ``self.agency`` is set before the handler runs.
    """

    required_roles: tuple[str, ...] = READ_ROLES
    agency: Agency
    kwargs: dict[str, Any]
    request: HttpRequest

    def get_agency(self) -> Agency:
        return get_object_or_404(Agency, code=self.kwargs["agency"])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _to_sign_in(request)
        self.agency = self.get_agency()
        require(request.user, self.agency, self.required_roles)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]
