"""Which automatic backups to keep: the newest few, then one per day, week and month.

Like a careful backup program: the last ``recent`` backups whatever their age, the newest
backup of each of the last ``daily`` days that have one, of each of the last ``weekly`` ISO
weeks, and of each of the last ``monthly`` months. Everything else may be deleted.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RotationPolicy:
    recent: int = 5
    daily: int = 12
    weekly: int = 10
    monthly: int = 9


DEFAULT_ROTATION = RotationPolicy()


def backups_to_keep(
    times: Iterable[datetime], policy: RotationPolicy = DEFAULT_ROTATION
) -> set[datetime]:
    """The times, among ``times``, of the backups to keep."""
    newest_first = sorted(set(times), reverse=True)
    keep = set(newest_first[: policy.recent])
    buckets: tuple[tuple[Callable[[datetime], Hashable], int], ...] = (
        (lambda t: t.date(), policy.daily),
        (lambda t: tuple(t.isocalendar())[:2], policy.weekly),
        (lambda t: (t.year, t.month), policy.monthly),
    )
    for bucket_of, count in buckets:
        seen: set[Hashable] = set()
        for t in newest_first:
            if len(seen) >= count:
                break
            bucket = bucket_of(t)
            if bucket not in seen:
                seen.add(bucket)
                keep.add(t)
    return keep
