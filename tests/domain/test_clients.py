from datetime import date

import pytest

from mneedle_desktop.domain.clients import ClientDetails, Sex, same_person, validate_client
from mneedle_desktop.domain.validation import ValidationError

TODAY = date(2026, 11, 25)


def details(**changes: object) -> ClientDetails:
    base: dict[str, object] = {
        "family_name": "Ørsted",
        "given_name": "Zoë",
        "date_of_birth": date(1990, 5, 12),
    }
    base.update(changes)
    return ClientDetails(**base)  # type: ignore[arg-type]


def errors_of(d: ClientDetails) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        validate_client(d, TODAY)
    return dict(info.value.by_field())


def test_valid_client_is_trimmed() -> None:
    valid = validate_client(details(family_name="  Ørsted ", given_name="Zoë  Anne"), TODAY)
    assert valid.family_name == "Ørsted"
    assert valid.given_name == "Zoë Anne"


def test_required_fields_are_each_reported() -> None:
    errors = errors_of(details(family_name=" ", given_name="", date_of_birth=None))
    assert set(errors) == {"family_name", "given_name", "date_of_birth"}
    assert "required" in errors["date_of_birth"]


def test_date_of_birth_today_is_accepted_but_tomorrow_is_not() -> None:
    assert validate_client(details(date_of_birth=TODAY), TODAY).date_of_birth == TODAY
    assert "future" in errors_of(details(date_of_birth=date(2026, 11, 26)))["date_of_birth"]


def test_date_of_birth_before_1900_is_refused() -> None:
    assert validate_client(details(date_of_birth=date(1900, 1, 1)), TODAY)
    assert "1900" in errors_of(details(date_of_birth=date(1899, 12, 31)))["date_of_birth"]


@pytest.mark.parametrize("email", ["zoe@example.com", "z.o+e@mail.example.co.uk"])
def test_plausible_emails_pass(email: str) -> None:
    assert validate_client(details(email=email), TODAY).email == email


@pytest.mark.parametrize("email", ["zoe", "zoe@", "@example.com", "zoe@example", "zo e@ex.com"])
def test_malformed_emails_are_refused(email: str) -> None:
    assert "email" in errors_of(details(email=email))


@pytest.mark.parametrize("phone", ["12345", "call me", "+44 abc 123456"])
def test_malformed_phones_are_refused(phone: str) -> None:
    assert "phone" in errors_of(details(phone=phone))


def test_international_phone_passes() -> None:
    assert validate_client(details(phone="+44 (0)20 7946-0958"), TODAY)


def test_overlong_name_is_refused() -> None:
    assert "family_name" in errors_of(details(family_name="x" * 201))


def test_same_person_ignores_accents_case_and_spacing() -> None:
    a = details()
    b = details(family_name="orsted", given_name="ZOE")
    assert same_person(a, b)
    assert not same_person(a, details(date_of_birth=date(1990, 5, 13)))
    assert not same_person(a, details(given_name="Zoey"))


def test_sex_defaults_to_not_stated() -> None:
    assert details().sex is Sex.NOT_STATED
