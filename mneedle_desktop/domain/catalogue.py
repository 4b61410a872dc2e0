"""The clinical content as typed values: questions, rules, scales, areas, devices, plans,
aftercare. Built by ``catalogue_load`` from the TOML files under ``content/``."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from mneedle_desktop.domain.intervals import Interval


class RuleKind(StrEnum):
    ABSOLUTE = "absolute"
    DEFER = "defer"
    CAUTION = "caution"
    LOCAL = "local"


class FollowUpType(StrEnum):
    DATE = "date"
    FLAG = "flag"
    AREAS = "areas"
    TEXT = "text"


class MinorsPolicy(StrEnum):
    GUARDIAN_CONSENT = "guardian_consent"
    NOT_SUITABLE = "not_suitable"


@dataclass(frozen=True)
class FollowUp:
    id: str
    type: FollowUpType
    label: str
    required: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    group: str
    text: str
    follow_ups: tuple[FollowUp, ...] = ()

    def follow_up(self, follow_up_id: str) -> FollowUp | None:
        return next((f for f in self.follow_ups if f.id == follow_up_id), None)


@dataclass(frozen=True)
class QuestionGroup:
    id: str
    title: str


@dataclass(frozen=True)
class Trigger:
    """One condition: a question, an age (with the clinic policy it belongs to), a skin
    type, scar evidence (types, a raised Vancouver height, a keloidal area), a surgical scar,
    or an incomplete assessment."""

    question: str | None = None
    age_under: int | None = None
    minors_policy: str | None = None
    fitzpatrick_from: int | None = None
    scar_types: tuple[str, ...] = ()
    vancouver_height_from: int | None = None
    keloidal_area: bool = False
    surgical_scar: bool = False
    incomplete: bool = False

    @property
    def scar_evidence(self) -> bool:
        return (
            bool(self.scar_types) or self.vancouver_height_from is not None or (self.keloidal_area)
        )


@dataclass(frozen=True)
class Rule:
    id: str
    kind: RuleKind
    trigger: Trigger
    client_text: str
    practitioner_note: str
    source: str
    interval: Interval | None = None
    interval_from: str | None = None
    eligible_when: str | None = None
    precaution: str | None = None
    material: str | None = None
    conflict_text: str | None = None
    plan_requires: str | None = None  # "test_patch": the plan is warned without one
    title: str = ""  # a short name for the practitioner, e.g. "Isotretinoin"

    def words(self, text: str) -> str:
        """Wording with ``{interval}`` replaced by this rule's interval."""
        return text.replace("{interval}", self.interval.describe() if self.interval else "")


@dataclass(frozen=True)
class FitzpatrickQuestion:
    id: str
    text: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    type: int
    min: int
    max: int


@dataclass(frozen=True)
class ScarType:
    id: str
    label: str
    indication: str
    plan_note: str = ""


@dataclass(frozen=True)
class GBType:
    id: str
    grade: str
    label: str
    points: int = 0
    by_area: bool = False


@dataclass(frozen=True)
class CountMultiplier:
    min: int
    multiplier: int
    max: int | None = None


@dataclass(frozen=True)
class AreaScore:
    """A band of keloidal scar area: below ``below_cm2`` (exclusive), up to ``up_to_cm2``
    (inclusive), or, with neither, everything larger."""

    score: int
    label: str
    below_cm2: float | None = None
    up_to_cm2: float | None = None

    def contains(self, area_cm2: float) -> bool:
        if self.below_cm2 is not None:
            return area_cm2 < self.below_cm2
        if self.up_to_cm2 is not None:
            return area_cm2 <= self.up_to_cm2
        return True


@dataclass(frozen=True)
class ScaleItem:
    id: str
    label: str
    max: int = 0
    levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class DepthRange:
    min_mm: float
    max_mm: float

    def contains(self, depth_mm: float) -> bool:
        return self.min_mm - 1e-9 <= depth_mm <= self.max_mm + 1e-9

    def describe(self) -> str:
        if self.min_mm == self.max_mm:
            return f"{self.min_mm:g} mm"
        return f"{self.min_mm:g}-{self.max_mm:g} mm"


@dataclass(frozen=True)
class Area:
    id: str
    label: str
    region: str
    depth: DepthRange | None = None
    depth_thin: DepthRange | None = None
    depth_thick: DepthRange | None = None

    @property
    def depends_on_thickness(self) -> bool:
        return self.depth is None


@dataclass(frozen=True)
class Device:
    id: str
    label: str
    kind: str
    max_depth_mm: float
    needle_material: str

    @property
    def fixed_depth(self) -> bool:
        """A roller's needles have one length: its only depth is its maximum."""
        return self.kind == "roller"


@dataclass(frozen=True)
class CourseRule:
    indication: str
    sessions_min: int
    interval_weeks_min: int
    interval_weeks_max: int
    sessions_max: int | None = None
    sessions_by_grade: tuple[int, ...] = ()
    interval_weeks_default: int | None = None
    start_after_weeks_min: int | None = None
    start_after_weeks_max: int | None = None
    note: str = ""


@dataclass(frozen=True)
class AftercareItem:
    text: str
    when: str | None = None


@dataclass(frozen=True)
class AftercareWindow:
    id: str
    title: str
    items: tuple[AftercareItem, ...]


@dataclass(frozen=True)
class Downtime:
    max_mm: float
    text: str


@dataclass(frozen=True)
class ConsentSection:
    heading: str
    text: str


@dataclass(frozen=True)
class ConsentStatement:
    id: str
    text: str


@dataclass(frozen=True)
class ConsentWording:
    version: str
    title: str
    sections: tuple[ConsentSection, ...]
    statements: tuple[ConsentStatement, ...]
    photos_heading: str
    photo_clinical: str
    photo_marketing: str
    electronic_signature: str
    meanings: Mapping[str, str]


@dataclass(frozen=True)
class DocumentWording:
    """Headings and labels of the PDF (``content/document.toml``)."""

    title: str
    letter_title: str
    headings: Mapping[str, str]
    labels: Mapping[str, str]
    letter: Mapping[str, str]


@dataclass(frozen=True)
class Catalogue:
    version: str
    question_groups: tuple[QuestionGroup, ...]
    questions: Mapping[str, Question]
    rules: tuple[Rule, ...]
    minors_policy: MinorsPolicy
    fitzpatrick_questions: tuple[FitzpatrickQuestion, ...]
    fitzpatrick_bands: tuple[Band, ...]
    fitzpatrick_source: str
    scar_types: Mapping[str, ScarType]
    gb_qualitative_grades: Mapping[int, str]
    gb_qualitative_source: str
    gb_types: Mapping[str, GBType]
    gb_multipliers: tuple[CountMultiplier, ...]
    gb_area_scores: tuple[AreaScore, ...]
    gb_maximum: int
    gb_quantitative_source: str
    vancouver_items: tuple[ScaleItem, ...]
    vancouver_source: str
    posas_observer: tuple[ScaleItem, ...]
    posas_patient: tuple[ScaleItem, ...]
    posas_min: int
    posas_max: int
    posas_source: str
    areas: Mapping[str, Area]
    depth_source: str
    conservative_from_fitzpatrick: int
    downtime: tuple[Downtime, ...]
    devices: Mapping[str, Device]
    allergen_materials: Mapping[str, tuple[str, ...]]
    courses: Mapping[str, CourseRule]
    course_source: str
    extra_sessions_from_fitzpatrick: int
    extra_sessions: int
    aftercare_windows: tuple[AftercareWindow, ...]
    aftercare_contact_title: str
    aftercare_contact: tuple[str, ...]
    consent: ConsentWording
    document: DocumentWording

    def question_text(self, question_id: str) -> str:
        """The question as asked: ``{interval}`` becomes the interval of the rule that reads
        it, so the question covers the window the clinic's rule uses."""
        text = self.questions[question_id].text
        for rule in self.rules:
            if rule.trigger.question == question_id and rule.interval is not None:
                return rule.words(text)
        return text

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
