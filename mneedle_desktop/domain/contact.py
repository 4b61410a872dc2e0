"""Shapes of contact details: loose enough for every country, strict enough to catch typos."""

import re

_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE_CHARACTERS = re.compile(r"^[0-9+()\-./ ]+$")
MIN_PHONE_DIGITS = 6


def is_email(text: str) -> bool:
    return bool(_EMAIL_SHAPE.match(text))


def is_phone(text: str) -> bool:
    return bool(_PHONE_CHARACTERS.match(text)) and (
        sum(ch.isdigit() for ch in text) >= MIN_PHONE_DIGITS
    )


EMAIL_HINT = "Email should look like name@example.com."
PHONE_HINT = "Phone should hold at least 6 digits (spaces, +, - and () allowed)."
