"""The roles a user can hold in an agency (kept apart from the models so that scope can import it)."""

from django.db import models


class Role(models.TextChoices):
    """A user's role in one agency. Supervisors read the agency's whole subtree and never write."""

    CLERK = "clerk", "经办人"
    REVIEWER = "reviewer", "审核人"
    APPROVER = "approver", "负责人"
    AGENCY_ADMIN = "agency_admin", "机构管理员"
    SUPERVISOR = "supervisor", "监督人员"
