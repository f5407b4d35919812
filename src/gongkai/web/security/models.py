"""Rate-limit counters shared by every server process (docs/decisions.md D15)."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """Hits of one limited action by one client in one fixed time window.

    ``key`` is the SHA-256 of (limit, identity, window start): user names, addresses and e-mail
    addresses are not kept in clear. Rows past ``expires_at`` are deleted as new ones are written.
    """

    key = models.CharField("计数键", max_length=64, unique=True)
    count = models.PositiveIntegerField("次数", default=0)
    expires_at = models.DateTimeField("过期时间", db_index=True)

    class Meta:
        verbose_name = "访问频率计数"
        verbose_name_plural = "访问频率计数"

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.count}"
