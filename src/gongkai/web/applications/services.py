"""The only code that changes applications (style.md habit 8).

Every service runs in ``transaction.atomic``, locks the row, checks the optimistic ``version`` the
caller read, checks the caller's role (:func:`gongkai.web.accounts.scope.require`) and the transition
table (:mod:`.workflow`), recomputes the due dates with :mod:`gongkai.law.deadlines` from the
platform's working-day calendar, and writes an audit event (:func:`gongkai.web.audit.record`) in the
same transaction. Errors users can cause are :class:`ServiceError` with a Chinese message.

The code lives in parts split along its seams (D20): :mod:`.services_core` (configuration, ``_act``),
:mod:`.services_intake`, :mod:`.services_steps` (workflow actions), :mod:`.services_fees`,
:mod:`.services_letters`, :mod:`.services_routing` (between agencies, D47); the clock in :mod:`.clock`. This module re-exports them, so callers and tests
keep using ``services.<name>``; the parts look ``today`` up here when called, so patching
``services.today`` still moves "today" for every service.
"""

from __future__ import annotations

# The clock lives in .clock; its names stay importable from here.
from .clock import clock_facts as clock_facts
from .clock import open_clock_changes as open_clock_changes
from .clock import provisional_years as provisional_years
from .clock import recompute_clock as recompute_clock
from .clock import recompute_open_clocks as recompute_open_clocks
from .errors import ServiceError, StaleVersionError
from .letter_services import letter_context as letter_context
from .letter_services import review_body as review_body
from .services_core import _SNAPSHOT_FIELDS as _SNAPSHOT_FIELDS
from .services_core import OFFICE_ROLES as OFFICE_ROLES
from .services_core import _act as _act
from .services_core import _fee_before_reply_due as _fee_before_reply_due
from .services_core import _json as _json
from .services_core import _next_tracking_number as _next_tracking_number
from .services_core import _provisional_receipt as _provisional_receipt
from .services_core import _require_office as _require_office
from .services_core import _snapshot as _snapshot
from .services_core import clock_policy as clock_policy
from .services_core import due_soon_days as due_soon_days
from .services_core import new_secret as new_secret
from .services_core import reminder_moments as reminder_moments
from .services_core import schedule_reminder as schedule_reminder
from .services_core import today as today
from .services_core import work_calendar as work_calendar
from .services_core import workflow_roles as workflow_roles
from .services_fees import _same_applicant as _same_applicant
from .services_fees import fee_for as fee_for
from .services_fees import fee_lapsed as fee_lapsed
from .services_fees import issue_fee_notice as issue_fee_notice
from .services_fees import per_volume_allowed as per_volume_allowed
from .services_fees import record_payment as record_payment
from .services_intake import APPLICANT_FIELDS as APPLICANT_FIELDS
from .services_intake import CONTENT_FIELDS as CONTENT_FIELDS
from .services_intake import add_attachment as add_attachment
from .services_intake import register as register
from .services_intake import update_details as update_details
from .services_letters import NOTICE_KINDS as NOTICE_KINDS
from .services_letters import _new_letter as _new_letter
from .services_letters import _notice_effects as _notice_effects
from .services_letters import _pending_consequence as _pending_consequence
from .services_letters import _send as _send
from .services_letters import _send_automatic as _send_automatic
from .services_letters import default_method as default_method
from .services_letters import edit_letter as edit_letter
from .services_letters import record_letter_receipt as record_letter_receipt
from .services_letters import send_letter as send_letter
from .services_letters import send_reply as send_reply
from .services_routing import handling as handling
from .services_routing import pending_routing as pending_routing
from .services_routing import route as route
from .services_routing import send_back as send_back
from .services_routing import set_unified_intake as set_unified_intake
from .services_routing import sign as sign
from .services_routing import sign_workdays as sign_workdays
from .services_routing import transfer as transfer
from .services_routing import transfer_clock as transfer_clock
from .services_steps import DISCLOSING_OUTCOMES as DISCLOSING_OUTCOMES
from .services_steps import approve_extension as approve_extension
from .services_steps import close as close
from .services_steps import consult as consult
from .services_steps import decide as decide
from .services_steps import end_consultation as end_consultation
from .services_steps import mark_abandoned as mark_abandoned
from .services_steps import recommend_extension as recommend_extension
from .services_steps import record_supplement as record_supplement
from .services_steps import reject_extension as reject_extension
from .services_steps import request_correction as request_correction
from .services_steps import request_extension as request_extension
from .services_steps import start_review as start_review
from .services_steps import withdraw as withdraw

__all__ = ["ServiceError", "StaleVersionError"]  # re-exported from .errors (and everything public above)
