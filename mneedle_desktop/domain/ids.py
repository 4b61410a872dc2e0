"""Typed identifiers: random UUIDs, so records made on different laptops never collide."""

from typing import NewType

ClientId = NewType("ClientId", str)
DeviceId = NewType("DeviceId", str)
PractitionerId = NewType("PractitionerId", str)
ClinicId = NewType("ClinicId", str)


# ``uuid`` is imported where used: it loads ``platform``, which start-up does not need.


def new_uuid() -> str:
    """A fresh random identifier in canonical text form."""
    import uuid

    return str(uuid.uuid4())


def is_uuid(text: str) -> bool:
    import uuid

    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False
