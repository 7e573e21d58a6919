"""When to renew: days left, and the day to renew by, from the certificate's own lifetime.

Public certificates last at most 200 days from 2026-03-15, 100 from 2027-03-15 and 47 from
2029-03-15, so a fixed "30 days before" is too late for some and too early for others: the
default warning starts when a third of the certificate's lifetime is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cryptography import x509

from csrwizard.pki.validity import validity_days

DEFAULT_SHARE = 3  # warn when a third of the lifetime is left


@dataclass(frozen=True)
class RenewalTiming:
    expires: datetime
    days_left: int
    warn_days: int  # renew when fewer days than this are left

    @property
    def renew_by(self) -> date:
        return (self.expires - timedelta(days=self.warn_days)).date()

    @property
    def due(self) -> bool:
        return self.days_left < self.warn_days

    def as_dict(self) -> dict:
        return {"days_left": self.days_left, "renew_by": self.renew_by.isoformat(), "warn_days": self.warn_days}


def default_warn_days(leaf: x509.Certificate) -> int:
    """A third of the certificate's lifetime, in whole days (66 for a 200-day certificate)."""
    return int(validity_days(leaf.not_valid_before_utc, leaf.not_valid_after_utc) // DEFAULT_SHARE)


def renewal_timing(leaf: x509.Certificate, now: datetime, warn_days: int | None = None) -> RenewalTiming:
    """Days left (whole days, never below zero) and when to renew; `warn_days` defaults to a third."""
    expires = leaf.not_valid_after_utc
    days_left = max(0, (expires - now).days)
    return RenewalTiming(expires, days_left, default_warn_days(leaf) if warn_days is None else warn_days)
