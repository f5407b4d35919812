"""Users, applicant profiles and memberships (a user's role in an agency).

Staff are users with one or more :class:`Membership` rows; applicants are users with no membership
and an :class:`ApplicantProfile`; the system administrator is ``is_superuser``. What each role may
do is decided in :mod:`gongkai.web.accounts.scope`, nowhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from gongkai.report.formats import FORMAT_2021
from gongkai.web.agencies.credit_code import validate_credit_code

from .roles import Role
from .scope import AgencyScopedQuerySet

__all__ = ["ApplicantCategory", "ApplicantProfile", "ApplicantType", "Membership", "Role", "User"]


class User(AbstractUser):
    display_name = models.CharField("姓名", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = "用户"
        verbose_name_plural = "用户"
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    is_active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "角色分配"
        verbose_name_plural = "角色分配"
        ordering = ("agency__code", "role", "user__username")
        constraints = (
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role"),
        )

    def __str__(self) -> str:
        return f"{self.user}：{self.agency}（{self.get_role_display()}）"


class ApplicantType(models.TextChoices):
    """条例 art. 27: citizens, legal persons and other organisations may apply."""

    NATURAL_PERSON = "natural_person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


#: The applicant categories are the columns of table 三 of the 2021 format (without 总计), so that
#: every application counts in exactly one column of the annual report.
ApplicantCategory = models.TextChoices(  # type: ignore[misc]
    "ApplicantCategory",
    [(c.key.upper(), (c.key, c.label)) for c in FORMAT_2021.table3_columns if c.key != "tot"],
)


class ApplicantProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="applicant_profile",
    )
    applicant_type = models.CharField("申请人类型", max_length=16, choices=ApplicantType.choices)
    category = models.CharField(
        "统计类别",
        max_length=8,
        choices=ApplicantCategory.choices,
        help_text="对应年度报告表三的列：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他。",
    )
    name = models.CharField("申请人姓名或名称", max_length=200)
    id_type = models.CharField("证件类型", max_length=50, blank=True, default="居民身份证")
    id_number = models.CharField("证件号码", max_length=50, blank=True)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code]
    )
    legal_representative = models.CharField("法定代表人或负责人", max_length=100, blank=True)
    contact_name = models.CharField("联系人", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    class Meta:
        verbose_name = "申请人信息"
        verbose_name_plural = "申请人信息"
        constraints = (
            # A natural person counts in the 自然人 column; an organisation in one of the others.
            models.CheckConstraint(
                condition=(models.Q(applicant_type="natural_person", category="np"))
                | (models.Q(applicant_type="organisation") & ~models.Q(category="np")),
                name="applicant_category_matches_type",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def table3_column(self) -> str:
        """The table 三 column key (np/com/res/npo/law/oth) this applicant counts in."""
        return str(self.category)
