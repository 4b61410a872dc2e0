"""Practitioner accounts: who may sign in, and the rules for names and passwords."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from mneedle_desktop.domain.clinic import PractitionerProfile, validate_practitioner
from mneedle_desktop.domain.ids import PractitionerId
from mneedle_desktop.domain.validation import FieldError, ValidationError

MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


class Role(StrEnum):
    OWNER = "owner"
    PRACTITIONER = "practitioner"


@dataclass(frozen=True)
class Account:
    id: PractitionerId
    username: str
    role: Role
    profile: PractitionerProfile
    disabled: bool = False
    failed_logins: int = 0
    locked_until: datetime | None = None

    @property
    def is_owner(self) -> bool:
        return self.role is Role.OWNER

    @property
    def key_binding(self) -> str:
        """What the account's key wrap is bound to: changing the role in the database
        (to make oneself owner) stops the wrap from opening."""
        return f"{self.id}:{self.role.value}"


@dataclass(frozen=True)
class LockoutPolicy:
    """After ``max_failures`` wrong passwords in a row the account is locked for
    ``lock_for``; each failure before that also waits ``delay_per_failure`` times the
    number of failures, so guessing is slow."""

    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=5)
    delay_per_failure: timedelta = timedelta(seconds=1)


def normalise_username(text: str) -> str:
    return text.strip().lower()


def validate_username(text: str) -> str:
    name = normalise_username(text)
    if not _USERNAME.match(name):
        raise ValidationError(
            [
                FieldError(
                    "username",
                    "A user name is 2 to 32 lower-case letters or digits "
                    "(dots, dashes and underscores allowed), e.g. amira.khan.",
                )
            ]
        )
    return name


# Words that make a password easy to guess however long it is. A short list: the
# length rule does most of the work.
COMMON_WORDS = (
    "password",
    "passw0rd",
    "qwerty",
    "azerty",
    "letmein",
    "welcome",
    "admin",
    "iloveyou",
    "monkey",
    "dragon",
    "sunshine",
    "football",
    "abc123",
    "mneedle",
    "clinic",
    "secret",
)


def _is_sequence(text: str) -> bool:
    """ "1234567890", "abcdefghij", "9876543210": each character one step from the last."""
    steps = {ord(b) - ord(a) for a, b in pairwise(text)}
    return len(steps) == 1 and steps <= {1, -1}


def password_problem(password: str, username: str) -> str | None:
    """Why ``password`` is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if password.strip() != password:
        return "The password cannot start or end with a space."
    lowered = password.lower()
    if username and username.lower() in lowered:
        return "The password cannot contain the user name."
    if (
        len(set(password)) < 4
        or password.isdigit()
        or _is_sequence(lowered)
        or any(word in lowered for word in COMMON_WORDS)
    ):
        return "Use a password that is harder to guess: a few unrelated words work well."
    return None


def validate_new_account(
    profile: PractitionerProfile,
    username: str,
    password: str,
    repeated: str | None = None,
    *,
    for_signing: bool = True,
) -> tuple[PractitionerProfile, str]:
    """Validated profile and user name, or every problem at once."""
    errors: list[FieldError] = []
    valid_profile = profile
    name = normalise_username(username)
    try:
        valid_profile = validate_practitioner(profile, for_signing=for_signing)
    except ValidationError as e:
        errors.extend(e.errors)
    try:
        name = validate_username(username)
    except ValidationError as e:
        errors.extend(e.errors)
    problem = password_problem(password, name)
    if problem:
        errors.append(FieldError("password", problem))
    elif repeated is not None and repeated != password:
        errors.append(FieldError("password_repeat", "The two passwords are not the same."))
    if errors:
        raise ValidationError(errors)
    return valid_profile, name
