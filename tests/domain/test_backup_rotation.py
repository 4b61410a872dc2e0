from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mneedle_desktop.domain.backup_rotation import RotationPolicy, backups_to_keep

START = datetime(2026, 1, 1, tzinfo=UTC)


def hourly(days: int, every_hours: int = 1) -> list[datetime]:
    return [START + timedelta(hours=h) for h in range(0, 24 * days, every_hours)]


def test_keeps_the_newest_few_then_one_per_day_week_and_month() -> None:
    times = hourly(400, 5)
    newest = max(times)
    keep = backups_to_keep(times)

    assert sorted(times)[-5:] == sorted(keep)[-5:]  # the five newest
    days = {t.date() for t in keep}
    for back in range(12):  # one for each of the last 12 days
        assert (newest - timedelta(days=back)).date() in days
    months = {(t.year, t.month) for t in keep}
    assert len(months) >= 9
    weeks = {tuple(t.isocalendar())[:2] for t in keep}
    assert len(weeks) >= 10
    assert len(keep) <= 5 + 12 + 10 + 9


def test_each_kept_day_week_and_month_keeps_its_newest_backup() -> None:
    times = hourly(100, 3)
    keep = backups_to_keep(times, RotationPolicy(recent=0, daily=3, weekly=0, monthly=0))
    newest_days = sorted({t.date() for t in times})[-3:]
    assert keep == {max(t for t in times if t.date() == d) for d in newest_days}


@given(st.lists(st.integers(min_value=0, max_value=24 * 800), max_size=300))
def test_never_more_than_the_policy_allows_and_always_the_newest(hours: list[int]) -> None:
    times = [START + timedelta(hours=h) for h in hours]
    keep = backups_to_keep(times)
    assert keep <= set(times)
    assert len(keep) <= 5 + 12 + 10 + 9
    if times:
        assert max(times) in keep
