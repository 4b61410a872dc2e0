"""Clients: the people being assessed, their contact details and how they are validated."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.contact import EMAIL_HINT, PHONE_HINT, is_email, is_phone
from mneedle_desktop.domain.ids import ClientId, DeviceId
from mneedle_desktop.domain.text import fold
from mneedle_desktop.domain.validation import FieldError, ValidationError

EARLIEST_DATE_OF_BIRTH = date(1900, 1, 1)
MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 2000


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    INTERSEX = "intersex"
    NOT_STATED = "not_stated"


@dataclass(frozen=True)
class ClientDetails:
    """What the practitioner types about a client. Text fields are stored as entered, trimmed."""

    family_name: str
    given_name: str
    date_of_birth: date | None
    sex: Sex = Sex.NOT_STATED
    phone: str = ""
    email: str = ""
    address: str = ""
    gp: str = ""
    emergency_contact: str = ""

    def trimmed(self) -> "ClientDetails":
        return ClientDetails(
            family_name=" ".join(self.family_name.split()),
            given_name=" ".join(self.given_name.split()),
            date_of_birth=self.date_of_birth,
            sex=self.sex,
            phone=self.phone.strip(),
            email=self.email.strip(),
            address=self.address.strip(),
            gp=self.gp.strip(),
            emergency_contact=self.emergency_contact.strip(),
        )

    def identity_only(self) -> "ClientDetails":
        """Names and date of birth alone: what a client awaiting erasure keeps."""
        return ClientDetails(self.family_name, self.given_name, self.date_of_birth)

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


def details_to_dict(d: ClientDetails) -> dict[str, Any]:
    """The details as JSON data (stored encrypted, and in exported client records)."""
    return {
        "family_name": d.family_name,
        "given_name": d.given_name,
        "date_of_birth": d.date_of_birth.isoformat() if d.date_of_birth else None,
        "sex": d.sex.value,
        "phone": d.phone,
        "email": d.email,
        "address": d.address,
        "gp": d.gp,
        "emergency_contact": d.emergency_contact,
    }


REQUIRED_CLIENT_FIELDS = frozenset({"family_name", "given_name", "date_of_birth"})


def validate_client(details: ClientDetails, today: date) -> ClientDetails:
    """Return the trimmed details, or raise ``ValidationError`` naming each bad field."""
    d = details.trimmed()
    errors: list[FieldError] = []
    for field, value, label in (
        ("family_name", d.family_name, "Family name"),
        ("given_name", d.given_name, "Given name"),
    ):
        if not value:
            errors.append(FieldError(field, f"{label} is required."))
        elif len(value) > MAX_NAME_LENGTH:
            errors.append(
                FieldError(field, f"{label} is longer than {MAX_NAME_LENGTH} characters.")
            )
    if d.date_of_birth is None:
        errors.append(FieldError("date_of_birth", "Date of birth is required."))
    elif d.date_of_birth > today:
        errors.append(FieldError("date_of_birth", "Date of birth cannot be in the future."))
    elif d.date_of_birth < EARLIEST_DATE_OF_BIRTH:
        errors.append(FieldError("date_of_birth", "Date of birth cannot be before 1900."))
    if d.email and not is_email(d.email):
        errors.append(FieldError("email", EMAIL_HINT))
    if d.phone and not is_phone(d.phone):
        errors.append(FieldError("phone", PHONE_HINT))
    for field, value in (
        ("address", d.address),
        ("gp", d.gp),
        ("emergency_contact", d.emergency_contact),
    ):
        if len(value) > MAX_TEXT_LENGTH:
            errors.append(FieldError(field, f"This is longer than {MAX_TEXT_LENGTH} characters."))
    if errors:
        raise ValidationError(errors)
    return d


@dataclass(frozen=True)
class Client:
    """A stored client. ``date_of_birth`` is always set once validated."""

    id: ClientId
    details: ClientDetails
    created_at: datetime
    updated_at: datetime
    device_id: DeviceId


@dataclass(frozen=True)
class ClientSummary:
    """One row of the client list."""

    id: ClientId
    family_name: str
    given_name: str
    date_of_birth: date
    last_consultation: date | None
    last_status: ConsultationStatus | None
    # Asked to be erased; the signed records are kept, read-only, until retention ends.
    erasing: bool = False

    @property
    def search_key(self) -> str:
        return fold(f"{self.family_name} {self.given_name}")


def same_person(a: ClientDetails, b: ClientDetails) -> bool:
    """Likely duplicates: the same folded names and the same date of birth."""
    return (
        a.date_of_birth == b.date_of_birth
        and fold(a.family_name) == fold(b.family_name)
        and fold(a.given_name) == fold(b.given_name)
    )
