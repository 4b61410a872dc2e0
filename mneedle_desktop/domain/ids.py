"""Typed identifiers: random UUIDs, so records made on different laptops never collide."""

import uuid
from typing import NewType

ClientId = NewType("ClientId", str)
DeviceId = NewType("DeviceId", str)
PractitionerId = NewType("PractitionerId", str)
ClinicId = NewType("ClinicId", str)


def new_uuid() -> str:
    """A fresh random identifier in canonical text form."""
    return str(uuid.uuid4())


def is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False
