"""Reading a date the way a person types it: 31/12/1990, 31.12.1990, 1990-12-31."""

import re
from datetime import date

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$")


class DateEntryError(ValueError):
    """The text is not a whole, real date; the message says how to write one."""


def example_format(day_first: bool) -> str:
    return "dd/mm/yyyy" if day_first else "mm/dd/yyyy"


def parse_entered_date(text: str, *, day_first: bool) -> date | None:
    """``None`` for blank text; a ``date``; or ``DateEntryError`` for anything else.

    ISO 8601 (year first) is always accepted; otherwise the day comes first when
    ``day_first`` (the user's locale decides) and the year has four digits.
    """
    text = text.strip()
    if not text:
        return None
    hint = f"Enter a date as {example_format(day_first)}, for example " + (
        "31/12/1990." if day_first else "12/31/1990."
    )
    m = _ISO.match(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = _NUMERIC.match(text)
        if not m:
            raise DateEntryError(hint)
        first, second, year = (int(g) for g in m.groups())
        day, month = (first, second) if day_first else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateEntryError(f"{text} is not a real date. {hint}") from None
