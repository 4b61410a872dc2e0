"""Search-as-you-type over the client list: names without accents, or a date of birth."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from mneedle_desktop.domain.clients import ClientSummary
from mneedle_desktop.domain.text import fold

_ISO_PREFIX = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?$")


@dataclass(frozen=True)
class DateQuery:
    """A date of birth, or part of one, typed into the search box."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def matches(self, value: date) -> bool:
        return (
            (self.year is None or self.year == value.year)
            and (self.month is None or self.month == value.month)
            and (self.day is None or self.day == value.day)
        )


def parse_date_token(token: str, *, day_first: bool = True) -> DateQuery | None:
    """Read ``1990``, ``1990-05``, ``1990-05-12``, ``12/05/1990``, ``12.05`` and the like.

    ``day_first`` follows the user's locale for the slashed forms (12/05 is 12 May in the UK,
    December 5 in the US). Returns None when the token is not date-like.
    """
    if _ISO_PREFIX.match(token):
        parts = [int(p) for p in token.split("-")]
        query = DateQuery(*parts)
    else:
        m = _NUMERIC_DATE.match(token)
        if not m:
            return None
        first, second, year_text = int(m.group(1)), int(m.group(2)), m.group(3)
        day, month = (first, second) if day_first else (second, first)
        year: int | None = None
        if year_text is not None:
            year = int(year_text)
            if len(year_text) == 2:
                return _two_digit_year_query(year, month, day)
        query = DateQuery(year, month, day)
    if query.month is not None and not 1 <= query.month <= 12:
        return None
    if query.day is not None and not 1 <= query.day <= 31:
        return None
    return query


def _two_digit_year_query(yy: int, month: int, day: int) -> DateQuery | None:
    # Two-digit years are ambiguous across centuries; match on day and month only and
    # let the year's last two digits narrow it in ``ClientIndex``.
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DateQuery(None, month, day)


@dataclass(frozen=True)
class _Entry:
    key: str
    summary: ClientSummary


class ClientIndex:
    """An in-memory index of the client list, filtered on every keystroke.

    Each word of the query must match: a name word matches anywhere in the folded
    "family given" text; a date-like word matches the date of birth.
    """

    def __init__(self, summaries: Iterable[ClientSummary], *, day_first: bool = True) -> None:
        self._day_first = day_first
        self._entries = [_Entry(s.search_key, s) for s in summaries]
        self._by_letter: dict[str, list[_Entry]] | None = None  # made by prepare()
        self._by_year: dict[int, list[_Entry]] = {}
        # The last name-only query and what it found: typing one more letter searches
        # only among those.
        self._last: tuple[str, Sequence[_Entry]] | None = None

    def prepare(self) -> None:
        """Make the entries holding each letter, and those born each year, in order: the
        first letter typed, or a year, is then answered without reading every client. The
        window calls it once the list is shown; a search before that makes them itself."""
        by_letter: dict[str, list[_Entry]] = {}
        by_year: dict[int, list[_Entry]] = {}
        for e in self._entries:
            for letter in set(e.key):
                by_letter.setdefault(letter, []).append(e)
            by_year.setdefault(e.summary.date_of_birth.year, []).append(e)
        self._by_letter, self._by_year = by_letter, by_year

    def reorder(self, summaries: Sequence[ClientSummary]) -> None:
        """Put the entries in the order of ``summaries`` (the same clients, re-sorted):
        results come out in that order."""
        by_id = {e.summary.id: e for e in self._entries}
        self._entries = [by_id[s.id] for s in summaries]
        self._by_letter = None
        self._last = None

    def __len__(self) -> int:
        return len(self._entries)

    def all(self) -> list[ClientSummary]:
        return [e.summary for e in self._entries]

    def search(self, query: str) -> list[ClientSummary]:
        words = query.split()
        if not words:
            return self.all()
        name_parts: list[str] = []
        date_parts: list[tuple[DateQuery, int | None]] = []
        for word in words:
            dq = parse_date_token(word, day_first=self._day_first)
            if dq is not None:
                date_parts.append((dq, _two_digit_year(word)))
            else:
                folded = fold(word)
                if folded:
                    name_parts.extend(folded.split())
        entries: Sequence[_Entry] = self._entries
        narrowing = self._last is not None and not date_parts and query.startswith(self._last[0])
        if self._by_letter is None:
            self.prepare()
        assert self._by_letter is not None
        if narrowing and self._last is not None:
            entries = self._last[1]
        elif name_parts:
            entries = self._by_letter.get(name_parts[0][0], [])
        elif date_parts and date_parts[0][0].year is not None:
            entries = self._by_year.get(date_parts[0][0].year, [])
        for part in name_parts:
            entries = [e for e in entries if part in e.key]
        for dq, yy in date_parts:
            entries = [
                e
                for e in entries
                if dq.matches(e.summary.date_of_birth)
                and (yy is None or e.summary.date_of_birth.year % 100 == yy)
            ]
        self._last = None if date_parts else (query, entries)
        return [e.summary for e in entries]


def _two_digit_year(token: str) -> int | None:
    m = _NUMERIC_DATE.match(token)
    if m and m.group(3) is not None and len(m.group(3)) == 2:
        return int(m.group(3))
    return None
