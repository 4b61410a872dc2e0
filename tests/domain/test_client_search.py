import re
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mneedle_desktop.domain.client_search import ClientIndex, DateQuery, parse_date_token
from mneedle_desktop.domain.clients import ClientSummary
from mneedle_desktop.domain.ids import ClientId


def summary(n: int, family: str, given: str, born: date) -> ClientSummary:
    return ClientSummary(ClientId(f"id-{n}"), family, given, born, None, None)


CLIENTS = [
    summary(1, "Ørsted-Łukasiewicz", "Zoë", date(1990, 5, 12)),
    summary(2, "Smith", "Zoe", date(1985, 12, 5)),
    summary(3, "Smithson", "Adam", date(1990, 1, 30)),
    summary(4, "Παπαδοπούλου", "Ηλέκτρα", date(2001, 7, 4)),
    summary(5, "García Márquez", "José", date(1962, 3, 6)),
]


def names(results: list[ClientSummary]) -> list[str]:
    return sorted(r.family_name for r in results)


@pytest.fixture
def index() -> ClientIndex:
    return ClientIndex(CLIENTS, day_first=True)


def test_empty_query_lists_everyone(index: ClientIndex) -> None:
    assert len(index.search("   ")) == len(CLIENTS)


def test_accents_are_ignored_both_ways(index: ClientIndex) -> None:
    assert names(index.search("zoe")) == ["Smith", "Ørsted-Łukasiewicz"]
    assert names(index.search("Zoë")) == ["Smith", "Ørsted-Łukasiewicz"]
    assert names(index.search("lukas")) == ["Ørsted-Łukasiewicz"]
    assert names(index.search("jose garcia")) == ["García Márquez"]


def test_partial_names_and_word_order(index: ClientIndex) -> None:
    assert names(index.search("smi")) == ["Smith", "Smithson"]
    assert names(index.search("zoe smi")) == ["Smith"]
    assert names(index.search("SMITH ZOE")) == ["Smith"]


def test_greek_names_are_found_without_accents(index: ClientIndex) -> None:
    assert names(index.search("ηλεκτρα")) == ["Παπαδοπούλου"]


def test_date_of_birth_iso_and_day_first(index: ClientIndex) -> None:
    assert names(index.search("1990-05-12")) == ["Ørsted-Łukasiewicz"]
    assert names(index.search("12/05/1990")) == ["Ørsted-Łukasiewicz"]
    assert names(index.search("12.05.1990")) == ["Ørsted-Łukasiewicz"]
    assert names(index.search("1990")) == ["Smithson", "Ørsted-Łukasiewicz"]
    assert names(index.search("1990-01")) == ["Smithson"]
    assert names(index.search("05/12")) == ["Smith"]
    assert names(index.search("12/05/90")) == ["Ørsted-Łukasiewicz"]


def test_month_first_locale_reads_slashed_dates_the_us_way() -> None:
    us = ClientIndex(CLIENTS, day_first=False)
    assert names(us.search("12/05/1985")) == ["Smith"]
    assert names(us.search("05/12/1990")) == ["Ørsted-Łukasiewicz"]


def test_name_and_date_combine(index: ClientIndex) -> None:
    assert names(index.search("smith 1990")) == ["Smithson"]
    assert index.search("zoe 1962") == []


def test_no_match(index: ClientIndex) -> None:
    assert index.search("nobody") == []


@pytest.mark.parametrize(
    ("token", "query"),
    [
        ("1990", DateQuery(1990)),
        ("1990-5", DateQuery(1990, 5)),
        ("31/12/2000", DateQuery(2000, 12, 31)),
        ("13/13/2000", None),
        ("1990-13", None),
        ("abc", None),
    ],
)
def test_parse_date_token(token: str, query: DateQuery | None) -> None:
    assert parse_date_token(token, day_first=True) == query


def brute_force(people: list[ClientSummary], query: str) -> list[ClientSummary]:
    """The search's meaning, read off every client in order, with no index at all."""
    from mneedle_desktop.domain.client_search import parse_date_token
    from mneedle_desktop.domain.text import fold

    found = []
    for p in people:
        key = fold(f"{p.family_name} {p.given_name}")
        ok = True
        for word in query.split():
            date_query = parse_date_token(word)
            if date_query is not None:
                # Only day, month and a two-digit year (12/05/90) name the year's last two
                # digits; 1/10 is a day and a month, 1990-10-01 a whole date.
                short = re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-](\d{2})", word)
                ok &= date_query.matches(p.date_of_birth) and (
                    short is None or p.date_of_birth.year % 100 == int(short.group(1))
                )
            else:
                ok &= all(part in key for part in fold(word).split())
        if ok:
            found.append(p)
    return found


@given(st.lists(st.text(alphabet="aeimnorsty 19-0/ø.", max_size=8), min_size=1, max_size=6))
@example(["1/10"])  # a day and a month: Simms, born 1 October 1990
@example(["1990-10-01"])  # a whole date
@example(["1/10/90"])  # with a two-digit year
def test_typing_letter_by_letter_finds_what_reading_every_client_finds(queries: list[str]) -> None:
    """The index answers from buckets and narrows the last result as a query grows: it must
    find exactly the clients, in the same order, that reading every client finds."""
    people = [
        summary(1, "Ørsted", "Zoë", date(1990, 5, 12)),
        summary(2, "Smith", "Amy", date(1991, 1, 9)),
        summary(3, "Simms", "Tony", date(1990, 10, 1)),
        summary(4, "Nguyễn", "Thảo", date(1985, 5, 19)),
        summary(5, "Stone", "Mia", date(1901, 9, 10)),
    ]
    typing = ClientIndex(people)
    for query in queries:
        for i in range(len(query) + 1):
            typed = query[:i]
            got = [p.id for p in typing.search(typed)]
            assert got == [p.id for p in brute_force(people, typed)], typed
