from datetime import date

import pytest

from mneedle_desktop.domain.date_entry import DateEntryError, parse_entered_date


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("12/05/1990", True, date(1990, 5, 12)),
        ("12.05.1990", True, date(1990, 5, 12)),
        ("2/5/1990", True, date(1990, 5, 2)),
        ("05/12/1990", False, date(1990, 5, 12)),
        ("1990-05-12", True, date(1990, 5, 12)),
        ("1990-05-12", False, date(1990, 5, 12)),
        (" 1991-06-13 ", True, date(1991, 6, 13)),
        ("", True, None),
    ],
)
def test_typed_dates(text: str, day_first: bool, expected: date | None) -> None:
    assert parse_entered_date(text, day_first=day_first) == expected


@pytest.mark.parametrize("text", ["31/02/1990", "12/05/90", "yesterday", "1990", "13/13/2000"])
def test_unreadable_dates_say_how_to_write_one(text: str) -> None:
    with pytest.raises(DateEntryError, match="dd/mm/yyyy"):
        parse_entered_date(text, day_first=True)
