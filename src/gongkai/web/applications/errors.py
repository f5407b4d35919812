"""Errors of the application workflow (re-exported by :mod:`.services`)."""

from __future__ import annotations

from gongkai.errors import GongkaiError


class ServiceError(GongkaiError):
    """A request the workflow refuses (wrong state, missing fact, stale form); Chinese message."""


class StaleVersionError(ServiceError):
    """The case changed since the form was read; nothing was overwritten."""
