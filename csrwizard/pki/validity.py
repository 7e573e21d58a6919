"""How long a certificate may be valid: CA/B Forum BR 6.3.2 by issue date, and Endpoint Central's rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

# (from this issue date, at most this many days)
BR_MAXIMUM_DAYS = (
    (date(2029, 3, 15), 47),
    (date(2027, 3, 15), 100),
    (date(2026, 3, 15), 200),
    (date.min, 398),
)
# Endpoint Central: "The validity of the certificate should be less than 397 days."
ENDPOINT_CENTRAL_LIMIT_DAYS = 397


def br_maximum_days(issued: date) -> int:
    return next(days for since, days in BR_MAXIMUM_DAYS if issued >= since)


def validity_days(not_before: datetime, not_after: datetime) -> float:
    """The validity period in days, counted as the BR count it: both ends inclusive."""
    return (not_after - not_before + timedelta(seconds=1)).total_seconds() / 86400
