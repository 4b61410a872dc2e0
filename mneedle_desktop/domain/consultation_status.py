"""Where a consultation stands, as shown in the client list and history."""

from enum import StrEnum


class ConsultationStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    DEFERRED = "deferred"
    NOT_SUITABLE = "not_suitable"
