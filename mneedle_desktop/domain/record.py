"""A consultation record: what was recorded about one client at one consultation.

Its JSON form is documented in ``docs/record-format.md`` and ``content/record.schema.json``;
``record_json`` reads and writes it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

RECORD_FORMAT = "mneedle-consultation"
# Version 2 added the consent, signatures, the signing practitioner and the content version.
RECORD_FORMAT_VERSION = 2


class Answer(StrEnum):
    YES = "yes"
    NO = "no"


FollowUpValue = date | bool | tuple[str, ...] | str


@dataclass(frozen=True)
class HistoryAnswer:
    answer: Answer
    follow_ups: Mapping[str, FollowUpValue] = field(default_factory=dict)

    def date(self, key: str) -> date | None:
        value = self.follow_ups.get(key)
        return value if isinstance(value, date) else None

    def flag(self, key: str) -> bool:
        return self.follow_ups.get(key) is True

    def areas(self) -> tuple[str, ...] | None:
        value = self.follow_ups.get("areas")
        return value if isinstance(value, tuple) else None


class FitzpatrickMethod(StrEnum):
    QUIZ = "quiz"
    DIRECT = "direct"


@dataclass(frozen=True)
class FitzpatrickAssessment:
    method: FitzpatrickMethod
    answers: Mapping[str, int] = field(default_factory=dict)
    type: int | None = None  # set for the direct method


@dataclass(frozen=True)
class GBQuantitative:
    counts: Mapping[str, int] = field(default_factory=dict)
    keloidal_area_cm2: float | None = None


@dataclass(frozen=True)
class Posas:
    observer: Mapping[str, int] = field(default_factory=dict)
    patient: Mapping[str, int] = field(default_factory=dict)
    observer_overall: int | None = None
    patient_overall: int | None = None


@dataclass(frozen=True)
class ScarAssessment:
    type: str
    goodman_baron_qualitative: int | None = None
    goodman_baron_quantitative: GBQuantitative | None = None
    vancouver: Mapping[str, int] | None = None
    posas: Posas | None = None
    surgery_date: date | None = None
    wound_closed: bool | None = None
    notes: str = ""


class SkinThickness(StrEnum):
    THIN = "thin"
    THICK = "thick"


@dataclass(frozen=True)
class AreaAssessment:
    area: str
    skin_thickness: SkinThickness | None = None
    scar: ScarAssessment | None = None
    notes: str = ""


@dataclass(frozen=True)
class ClientInfo:
    id: str
    family_name: str
    given_name: str
    date_of_birth: date


@dataclass(frozen=True)
class Guardian:
    name: str
    relationship: str
    consents: bool | None  # None: not asked yet


@dataclass(frozen=True)
class PlanChoice:
    """What the practitioner chose; validated against the proposal by ``plan``."""

    device: str | None = None
    depths_mm: Mapping[str, float] = field(default_factory=dict)
    sessions: int | None = None
    interval_weeks: int | None = None
    topical_anaesthetic: bool | None = None
    test_patch: bool | None = None
    acknowledged_warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConsentAnswers:
    """What the client answered on the consent page, for the consent wording ``version``."""

    version: str
    # What the client agreed to: the plan's sessions, interval and areas and the wording's
    # version. A change to any of them after signing makes the consent void.
    fingerprint: str = ""
    read_to_end: bool = False
    statements: Mapping[str, bool] = field(default_factory=dict)
    electronic_signature: bool = False
    photo_clinical: bool | None = None
    photo_marketing: bool | None = None


class SignatureRole(StrEnum):
    CLIENT = "client"
    GUARDIAN = "guardian"
    PRACTITIONER = "practitioner"


Stroke = tuple[tuple[float, float, int], ...]  # (x, y, milliseconds since the first point)


@dataclass(frozen=True)
class Signature:
    role: SignatureRole
    name: str
    meaning: str
    signed_at: datetime  # UTC
    utc_offset_minutes: int  # the signer's local offset, to print local time
    strokes: tuple[Stroke, ...]
    png: bytes
    # Typed with the keyboard (the name's outline as strokes) rather than drawn: for
    # people who cannot use a pointer.
    typed: bool = False


@dataclass(frozen=True)
class SigningPractitioner:
    id: str
    full_name: str
    profession: str
    registration_number: str


@dataclass(frozen=True)
class ConsultationRecord:
    record_id: str
    consultation_date: date
    client: ClientInfo
    medical_history: Mapping[str, HistoryAnswer] = field(default_factory=dict)
    fitzpatrick: FitzpatrickAssessment | None = None
    skin_notes: str = ""
    areas: tuple[AreaAssessment, ...] = ()
    plan: PlanChoice | None = None
    guardian: Guardian | None = None
    acknowledged_precautions: tuple[str, ...] = ()
    consent: ConsentAnswers | None = None
    signatures: tuple[Signature, ...] = ()
    practitioner: SigningPractitioner | None = None
    content_version: str | None = None
    format_version: int = RECORD_FORMAT_VERSION

    def signature(self, role: SignatureRole) -> Signature | None:
        return next((s for s in self.signatures if s.role is role), None)

    @property
    def area_ids(self) -> tuple[str, ...]:
        return tuple(a.area for a in self.areas)
