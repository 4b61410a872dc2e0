"""Field-level validation results shared by every form in the domain."""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ValidationError(ValueError):
    """Raised when input cannot be accepted; carries one message per offending field."""

    def __init__(self, errors: list[FieldError]) -> None:
        if not errors:
            raise ValueError("a ValidationError needs at least one error")
        self.errors = tuple(errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))

    def by_field(self) -> Mapping[str, str]:
        return {e.field: e.message for e in self.errors}
