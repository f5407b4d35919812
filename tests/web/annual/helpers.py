"""Builders for annual-report tests: applications concluded through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.web.applications import services

from ..applications.helpers import decision_inputs, register


def replied(
    personas: Any, received: dt.date, outcome: str = "granted", on: dt.date | None = None, **data: Any
) -> Any:
    """An application received on ``received`` and answered (``outcome``) on ``on`` (default: +10 days)."""
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk, received=received, **data)
    on = on or received + dt.timedelta(days=10)
    app = services.start_review(app, clerk, app.version)
    app = services.decide(app, clerk, app.version, outcome=outcome, on=on, **decision_inputs(outcome))
    services.send_letter(app.letters.get(kind="reply"), clerk, app.version, on=on)
    app.refresh_from_db()
    return app
