"""Consultations: a draft while the assessment is under way, closed (and final) once signed."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.domain.record import ConsultationRecord
from mneedle_desktop.domain.screening import Outcome


class ConsultationState(StrEnum):
    DRAFT = "draft"
    CLOSED = "closed"


def status_of(state: ConsultationState, outcome: Outcome | None) -> ConsultationStatus:
    if state is ConsultationState.DRAFT:
        return ConsultationStatus.DRAFT
    if outcome is Outcome.DEFER:
        return ConsultationStatus.DEFERRED
    if outcome is Outcome.NOT_SUITABLE:
        return ConsultationStatus.NOT_SUITABLE
    return ConsultationStatus.SIGNED


@dataclass(frozen=True)
class ConsultationSummary:
    """What the client list and history show; kept encrypted beside the record."""

    id: str
    client_id: ClientId
    consultation_date: date
    status: ConsultationStatus
    outcome: Outcome | None
    updated_at: datetime


@dataclass(frozen=True)
class Consultation:
    id: str
    client_id: ClientId
    state: ConsultationState
    record: ConsultationRecord
    page: int
    outcome: Outcome | None
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    closed_by: str | None = None
    content_version: str | None = None
    record_hash: str | None = None

    @property
    def status(self) -> ConsultationStatus:
        return status_of(self.state, self.outcome)

    @property
    def editable(self) -> bool:
        return self.state is ConsultationState.DRAFT


@dataclass(frozen=True)
class Addendum:
    id: str
    consultation_id: str
    text: str
    author: str
    created_at: datetime
