"""Reading and writing a consultation record's JSON form, with errors that point at fields.

Every problem is collected and reported together, each as ``path: message`` (for example
``medical_history.isotretinoin.last_dose: date is in the future``).
"""

import base64
import hashlib
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from mneedle_desktop.domain.catalogue import Catalogue, FollowUpType
from mneedle_desktop.domain.clients import EARLIEST_DATE_OF_BIRTH
from mneedle_desktop.domain.clock import parse_utc_timestamp, utc_timestamp
from mneedle_desktop.domain.ids import is_uuid
from mneedle_desktop.domain.plan import is_warning_id
from mneedle_desktop.domain.record import (
    RECORD_FORMAT,
    RECORD_FORMAT_VERSION,
    Answer,
    AreaAssessment,
    ClientInfo,
    ConsentAnswers,
    ConsultationRecord,
    FitzpatrickAssessment,
    FitzpatrickMethod,
    FollowUpValue,
    GBQuantitative,
    Guardian,
    HistoryAnswer,
    PlanChoice,
    Posas,
    ScarAssessment,
    Signature,
    SignatureRole,
    SigningPractitioner,
    SkinThickness,
    Stroke,
)

T = TypeVar("T")
READABLE_VERSIONS = (1, 2)
V2_FIELDS = ("consent", "signatures", "practitioner", "content_version")
MAX_TEXT = 10_000
LATEST_YEAR = 2999
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class RecordProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class RecordError(ValueError):
    """The record cannot be read; ``problems`` lists every field at fault."""

    def __init__(self, problems: list[RecordProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


class _Reader:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.problems: list[RecordProblem] = []
        self.consultation_date: date | None = None
        self.date_of_birth: date | None = None

    def fail(self, path: str, message: str) -> None:
        self.problems.append(RecordProblem(path, message))

    # --- typed field access -------------------------------------------------------------

    def table(self, value: Any, path: str, known: set[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, f"should be an object, not {_kind(value)}")
            return None
        for key in value:
            if key not in known:
                hint = f" (known: {', '.join(sorted(known))})" if len(known) <= 12 else ""
                self.fail(_join(path, key), f"is not a known field{hint}")
        return value

    def get(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        kind: type[T] | tuple[type, ...],
        label: str,
        *,
        required: bool = True,
    ) -> T | None:
        full = _join(path, key)
        if key not in obj or obj[key] is None:
            if required:
                self.fail(full, "is missing")
            return None
        value = obj[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            self.fail(full, f"should be {label}, not {_kind(value)}")
            return None
        if not isinstance(value, kinds):
            self.fail(full, f"should be {label}, not {_kind(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(full, f"should be {label}, not {value}")
            return None
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.fail(full, f"is longer than {MAX_TEXT} characters")
            return None
        return value  # type: ignore[return-value]

    def text(self, obj: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = self.get(obj, key, path, str, "text", required=required)
        return value or ""

    def integer(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        low: int,
        high: int,
        *,
        required: bool = False,
    ) -> int | None:
        value = self.get(obj, key, path, int, "a whole number", required=required)
        if value is not None and not low <= value <= high:
            self.fail(_join(path, key), f"should be from {low} to {high}, not {value}")
            return None
        return value

    def day(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
        past: bool = True,
    ) -> date | None:
        text = self.get(obj, key, path, str, "a date (YYYY-MM-DD)", required=required)
        if text is None:
            return None
        return self.parse_day(text, _join(path, key), past=past)

    def parse_day(self, text: str, path: str, *, past: bool = True) -> date | None:
        if not _DATE.match(text):
            self.fail(path, f"should be a date written YYYY-MM-DD, not {text!r}")
            return None
        try:
            value = date.fromisoformat(text)
        except ValueError:
            self.fail(path, f"is not a real date in the form YYYY-MM-DD: {text!r}")
            return None
        if value.year > LATEST_YEAR:
            self.fail(path, f"is after the year {LATEST_YEAR}: {text!r}")
            return None
        if past and self.consultation_date is not None and value > self.consultation_date:
            self.fail(path, "date is in the future")
            return None
        if past and self.date_of_birth is not None and value < self.date_of_birth:
            self.fail(path, "date is before the client was born")
            return None
        return value

    def choice(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        enum: Callable[[str], T],
        allowed: str,
        *,
        required: bool = False,
    ) -> T | None:
        value = self.get(obj, key, path, str, "text", required=required)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            self.fail(_join(path, key), f"should be one of {allowed}, not {value!r}")
            return None

    def area_id(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str):
            self.fail(path, f"should be an area id, not {_kind(value)}")
            return None
        if value not in self.catalogue.areas:
            self.fail(path, f"is not a known area: {value!r}")
            return None
        return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else type(value).__name__


TOP_LEVEL = {
    "format",
    "format_version",
    "record_id",
    "consultation_date",
    "client",
    "guardian",
    "medical_history",
    "skin",
    "areas",
    "plan",
    "acknowledged_precautions",
    *V2_FIELDS,
}


def record_from_json(text: str | bytes, catalogue: Catalogue) -> ConsultationRecord:
    """Parse a record's JSON text. Raises ``RecordError`` listing every problem."""
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise RecordError([RecordProblem("", f"not valid JSON ({e})")]) from e
    except ValueError as e:
        raise RecordError([RecordProblem("", str(e))]) from e
    return record_from_dict(data, catalogue)


def _refuse_constant(name: str) -> float:
    raise ValueError(f"not valid JSON: {name} is not a number")


def record_from_dict(data: Any, catalogue: Catalogue) -> ConsultationRecord:
    r = _Reader(catalogue)
    top = r.table(data, "", TOP_LEVEL)
    if top is None:
        raise RecordError(r.problems)
    if top.get("format") != RECORD_FORMAT:
        r.fail("format", f"should be {RECORD_FORMAT!r}")
    version = r.get(top, "format_version", "", int, "a whole number")
    if version is not None and version not in READABLE_VERSIONS:
        r.fail(
            "format_version",
            f"version {version} is not one this program reads "
            f"({', '.join(map(str, READABLE_VERSIONS))})",
        )
        raise RecordError(r.problems)
    if version == 1:
        for key in V2_FIELDS:
            if key in top:
                r.fail(key, "is not a field of format version 1")
    record_id = r.get(top, "record_id", "", str, "text")
    if record_id is not None and not is_uuid(record_id):
        r.fail("record_id", "should be a UUID")
    r.consultation_date = r.day(top, "consultation_date", "", required=True, past=False)
    client = _client(r, top.get("client"))
    r.date_of_birth = client.date_of_birth if client else None
    guardian = _guardian(r, top["guardian"]) if top.get("guardian") is not None else None
    history = _history(r, top.get("medical_history", {}))
    fitzpatrick, skin_notes = _skin(r, top.get("skin", {}))
    areas = _areas(r, top.get("areas", []))
    plan = _plan(r, top["plan"], areas) if top.get("plan") is not None else None
    acknowledged = _rule_ids(r, top.get("acknowledged_precautions", []), "acknowledged_precautions")
    consent = _consent(r, top["consent"]) if top.get("consent") is not None else None
    signatures = _signatures(r, top.get("signatures", []))
    practitioner = (
        _practitioner(r, top["practitioner"]) if top.get("practitioner") is not None else None
    )
    content_version = r.get(top, "content_version", "", str, "text", required=False)
    if r.problems or client is None or record_id is None or r.consultation_date is None:
        raise RecordError(r.problems or [RecordProblem("", "incomplete record")])
    return ConsultationRecord(
        record_id=record_id,
        consultation_date=r.consultation_date,
        client=client,
        medical_history=history,
        fitzpatrick=fitzpatrick,
        skin_notes=skin_notes,
        areas=areas,
        plan=plan,
        guardian=guardian,
        acknowledged_precautions=acknowledged,
        consent=consent,
        signatures=signatures,
        practitioner=practitioner,
        content_version=content_version,
        format_version=version or RECORD_FORMAT_VERSION,
    )


def _client(r: _Reader, value: Any) -> ClientInfo | None:
    path = "client"
    if value is None:
        r.fail(path, "is missing")
        return None
    obj = r.table(value, path, {"id", "family_name", "given_name", "date_of_birth"})
    if obj is None:
        return None
    cid = r.get(obj, "id", path, str, "text")
    if cid is not None and not is_uuid(cid):
        r.fail("client.id", "should be a UUID")
    family = r.text(obj, "family_name", path, required=True)
    given = r.text(obj, "given_name", path, required=True)
    for key, name in (("family_name", family), ("given_name", given)):
        if key in obj and isinstance(obj[key], str) and not name.strip():
            r.fail(_join(path, key), "cannot be empty")
    born = r.day(obj, "date_of_birth", path, required=True, past=False)
    if born is not None:
        if r.consultation_date is not None and born > r.consultation_date:
            r.fail("client.date_of_birth", "date is after the consultation date")
            born = None
        elif born < EARLIEST_DATE_OF_BIRTH:
            r.fail("client.date_of_birth", "date is before 1900")
            born = None
    if cid is None or born is None:
        return None
    return ClientInfo(cid, family, given, born)


def _guardian(r: _Reader, value: Any) -> Guardian | None:
    obj = r.table(value, "guardian", {"name", "relationship", "consents"})
    if obj is None:
        return None
    consents = r.get(obj, "consents", "guardian", bool, "true or false", required=False)
    return Guardian(
        r.text(obj, "name", "guardian", required=True),
        r.text(obj, "relationship", "guardian", required=True),
        consents,
    )


def _history(r: _Reader, value: Any) -> dict[str, HistoryAnswer]:
    if not isinstance(value, dict):
        r.fail("medical_history", f"should be an object, not {_kind(value)}")
        return {}
    answers: dict[str, HistoryAnswer] = {}
    for qid, raw in value.items():
        path = _join("medical_history", qid)
        question = r.catalogue.questions.get(qid)
        if question is None:
            r.fail(path, "is not a known question")
            continue
        obj = r.table(raw, path, {"answer"} | {f.id for f in question.follow_ups})
        if obj is None:
            continue
        answer = r.choice(obj, "answer", path, Answer, "yes or no", required=True)
        follow_ups: dict[str, FollowUpValue] = {}
        for f in question.follow_ups:
            if f.id not in obj or obj[f.id] is None:
                continue
            if answer is Answer.NO:
                r.fail(_join(path, f.id), "is given but the answer is no")
                continue
            if f.type is FollowUpType.DATE:
                d = r.day(obj, f.id, path)
                if d is not None:
                    follow_ups[f.id] = d
            elif f.type is FollowUpType.FLAG:
                flag = r.get(obj, f.id, path, bool, "true or false")
                if flag is not None:
                    follow_ups[f.id] = flag
            elif f.type is FollowUpType.AREAS:
                areas = _area_list(r, obj[f.id], _join(path, f.id))
                if areas is not None:
                    follow_ups[f.id] = areas
            else:
                follow_ups[f.id] = r.text(obj, f.id, path)
        if answer is not None:
            answers[qid] = HistoryAnswer(answer, follow_ups)
    return answers


def _area_list(r: _Reader, value: Any, path: str) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not value:
        r.fail(path, "should be a non-empty list of area ids")
        return None
    ids = [r.area_id(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if any(i is None for i in ids):
        return None
    if len(set(ids)) != len(ids):
        r.fail(path, "lists an area twice")
        return None
    return tuple(i for i in ids if i is not None)


def _skin(r: _Reader, value: Any) -> tuple[FitzpatrickAssessment | None, str]:
    obj = r.table(value, "skin", {"fitzpatrick", "notes"})
    if obj is None:
        return None, ""
    notes = r.text(obj, "notes", "skin")
    raw = obj.get("fitzpatrick")
    if raw is None:
        return None, notes
    path = "skin.fitzpatrick"
    fobj = r.table(raw, path, {"method", "answers", "type"})
    if fobj is None:
        return None, notes
    method = r.choice(fobj, "method", path, FitzpatrickMethod, "quiz or direct", required=True)
    if method is FitzpatrickMethod.DIRECT:
        if "answers" in fobj:
            r.fail(_join(path, "answers"), "is given but the method is direct")
        skin_type = r.integer(fobj, "type", path, 1, 6, required=True)
        return (FitzpatrickAssessment(method, {}, skin_type) if skin_type else None), notes
    if method is FitzpatrickMethod.QUIZ:
        if "type" in fobj:
            r.fail(_join(path, "type"), "is computed from the answers; leave it out for the quiz")
        answers_obj = r.table(
            fobj.get("answers", {}),
            _join(path, "answers"),
            {q.id for q in r.catalogue.fitzpatrick_questions},
        )
        answers: dict[str, int] = {}
        for q in r.catalogue.fitzpatrick_questions:
            if answers_obj is None:
                break
            score = r.integer(answers_obj, q.id, _join(path, "answers"), 0, 4, required=True)
            if score is not None:
                answers[q.id] = score
        if len(answers) == len(r.catalogue.fitzpatrick_questions):
            return FitzpatrickAssessment(method, answers), notes
    return None, notes


def _areas(r: _Reader, value: Any) -> tuple[AreaAssessment, ...]:
    if not isinstance(value, list):
        r.fail("areas", f"should be a list, not {_kind(value)}")
        return ()
    seen: set[str] = set()
    out: list[AreaAssessment] = []
    for i, raw in enumerate(value):
        path = f"areas[{i}]"
        obj = r.table(raw, path, {"area", "skin_thickness", "scar", "notes"})
        if obj is None:
            continue
        area = r.area_id(obj.get("area"), _join(path, "area")) if "area" in obj else None
        if "area" not in obj:
            r.fail(_join(path, "area"), "is missing")
        if area is not None and area in seen:
            r.fail(_join(path, "area"), f"{area!r} is listed twice")
            continue
        thickness = r.choice(obj, "skin_thickness", path, SkinThickness, "thin or thick")
        scar = _scar(r, obj["scar"], _join(path, "scar")) if obj.get("scar") is not None else None
        if area is not None:
            seen.add(area)
            out.append(AreaAssessment(area, thickness, scar, r.text(obj, "notes", path)))
    return tuple(out)


SCAR_KEYS = {
    "type",
    "goodman_baron_qualitative",
    "goodman_baron_quantitative",
    "vancouver",
    "posas",
    "surgery_date",
    "wound_closed",
    "notes",
}


def _scar(r: _Reader, value: Any, path: str) -> ScarAssessment | None:
    obj = r.table(value, path, SCAR_KEYS)
    if obj is None:
        return None
    scar_type = r.get(obj, "type", path, str, "a scar type")
    if scar_type is not None and scar_type not in r.catalogue.scar_types:
        r.fail(_join(path, "type"), f"is not a known scar type: {scar_type!r}")
        scar_type = None
    grade = r.integer(obj, "goodman_baron_qualitative", path, 1, 4)
    quantitative = (
        _gb_quantitative(
            r, obj["goodman_baron_quantitative"], _join(path, "goodman_baron_quantitative")
        )
        if obj.get("goodman_baron_quantitative") is not None
        else None
    )
    vancouver = (
        _complete_items(
            r,
            obj["vancouver"],
            _join(path, "vancouver"),
            {i.id: (0, i.max) for i in r.catalogue.vancouver_items},
        )
        if obj.get("vancouver") is not None
        else None
    )
    posas = _posas(r, obj["posas"], _join(path, "posas")) if obj.get("posas") is not None else None
    surgery_date = r.day(obj, "surgery_date", path)
    wound_closed = r.get(obj, "wound_closed", path, bool, "true or false", required=False)
    if scar_type is not None and scar_type != "surgical":
        for key in ("surgery_date", "wound_closed"):
            if obj.get(key) is not None:
                r.fail(_join(path, key), "is only for surgical scars")
    if scar_type is None:
        return None
    return ScarAssessment(
        type=scar_type,
        goodman_baron_qualitative=grade,
        goodman_baron_quantitative=quantitative,
        vancouver=vancouver,
        posas=posas,
        surgery_date=surgery_date,
        wound_closed=wound_closed,
        notes=r.text(obj, "notes", path),
    )


def _gb_quantitative(r: _Reader, value: Any, path: str) -> GBQuantitative | None:
    obj = r.table(value, path, {"counts", "keloidal_area_cm2"})
    if obj is None:
        return None
    counts_path = _join(path, "counts")
    counted = {t.id for t in r.catalogue.gb_types.values() if not t.by_area}
    counts_obj = r.table(obj.get("counts", {}), counts_path, counted)
    counts: dict[str, int] = {}
    if counts_obj is not None:
        for key in counts_obj:
            if key in counted:
                n = r.integer(counts_obj, key, counts_path, 0, 10_000)
                if n is not None:
                    counts[key] = n
    area = r.get(obj, "keloidal_area_cm2", path, (int, float), "a number", required=False)
    if area is not None and area <= 0:
        r.fail(_join(path, "keloidal_area_cm2"), "should be more than 0 (leave it out for none)")
        area = None
    return GBQuantitative(counts, None if area is None else float(area))


def _complete_items(
    r: _Reader, value: Any, path: str, ranges: Mapping[str, tuple[int, int]]
) -> dict[str, int] | None:
    obj = r.table(value, path, set(ranges))
    if obj is None:
        return None
    items: dict[str, int] = {}
    for key, (low, high) in ranges.items():
        n = r.integer(obj, key, path, low, high, required=True)
        if n is not None:
            items[key] = n
    return items if len(items) == len(ranges) else None


def _posas(r: _Reader, value: Any, path: str) -> Posas | None:
    obj = r.table(value, path, {"observer", "patient", "observer_overall", "patient_overall"})
    if obj is None:
        return None
    c = r.catalogue
    span = (c.posas_min, c.posas_max)
    observer = (
        _complete_items(
            r, obj["observer"], _join(path, "observer"), {i.id: span for i in c.posas_observer}
        )
        if obj.get("observer") is not None
        else None
    )
    patient = (
        _complete_items(
            r, obj["patient"], _join(path, "patient"), {i.id: span for i in c.posas_patient}
        )
        if obj.get("patient") is not None
        else None
    )
    return Posas(
        observer or {},
        patient or {},
        r.integer(obj, "observer_overall", path, *span),
        r.integer(obj, "patient_overall", path, *span),
    )


PLAN_KEYS = {
    "device",
    "depths_mm",
    "sessions",
    "interval_weeks",
    "topical_anaesthetic",
    "test_patch",
    "acknowledged_warnings",
}


def _plan(r: _Reader, value: Any, areas: tuple[AreaAssessment, ...]) -> PlanChoice | None:
    path = "plan"
    obj = r.table(value, path, PLAN_KEYS)
    if obj is None:
        return None
    device_id = r.get(obj, "device", path, str, "a device id", required=False)
    device = None
    if device_id is not None:
        device = r.catalogue.devices.get(device_id)
        if device is None:
            r.fail("plan.device", f"is not a known device: {device_id!r}")
    depths: dict[str, float] = {}
    depths_obj = r.table(obj.get("depths_mm", {}), "plan.depths_mm", set(r.catalogue.areas))
    treated = {a.area for a in areas}
    if depths_obj and device_id is None:
        r.fail("plan.depths_mm", "choose the device first: the depths allowed depend on it")
        depths_obj = None
    if depths_obj is not None:
        for area_id in depths_obj:
            if area_id not in r.catalogue.areas:
                continue
            depth = r.get(depths_obj, area_id, "plan.depths_mm", (int, float), "a depth in mm")
            where = f"plan.depths_mm.{area_id}"
            if depth is None:
                continue
            if area_id not in treated:
                r.fail(where, "is not one of the record's treatment areas")
            elif depth <= 0:
                r.fail(where, "should be more than 0 mm")
            elif (
                device is not None
                and device.fixed_depth
                and abs(depth - device.max_depth_mm) > 1e-9
            ):
                r.fail(
                    where,
                    f"a {device.max_depth_mm:g} mm roller treats at {device.max_depth_mm:g} mm "
                    f"only, not {depth:g} mm; choose another device",
                )
            elif device is not None and depth > device.max_depth_mm + 1e-9:
                r.fail(
                    where,
                    f"{depth:g} mm is above the device's labelled maximum of "
                    f"{device.max_depth_mm:g} mm; it cannot be used",
                )
            else:
                depths[area_id] = float(depth)
    warnings = obj.get("acknowledged_warnings", [])
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        r.fail("plan.acknowledged_warnings", "should be a list of warning ids")
        warnings = []
    for i, warning in enumerate(warnings):
        if not is_warning_id(warning, treated):
            r.fail(f"plan.acknowledged_warnings[{i}]", f"is not a warning id: {warning!r}")
    return PlanChoice(
        device=device_id if device is not None else None,
        depths_mm=depths,
        sessions=r.integer(obj, "sessions", path, 1, 20),
        interval_weeks=r.integer(obj, "interval_weeks", path, 1, 52),
        topical_anaesthetic=r.get(
            obj, "topical_anaesthetic", path, bool, "true or false", required=False
        ),
        test_patch=r.get(obj, "test_patch", path, bool, "true or false", required=False),
        acknowledged_warnings=tuple(warnings),
    )


def _rule_ids(r: _Reader, value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        r.fail(path, "should be a list of rule ids")
        return ()
    known = {rule.id for rule in r.catalogue.rules}
    for i, v in enumerate(value):
        if v not in known:
            r.fail(f"{path}[{i}]", f"is not a known rule id: {v!r}")
    return tuple(v for v in value if v in known)


def _consent(r: _Reader, value: Any) -> ConsentAnswers | None:
    path = "consent"
    obj = r.table(
        value,
        path,
        {
            "version",
            "fingerprint",
            "read_to_end",
            "statements",
            "electronic_signature",
            "photo_clinical",
            "photo_marketing",
        },
    )
    if obj is None:
        return None
    version = r.text(obj, "version", path, required=True)
    statements: dict[str, bool] = {}
    raw = obj.get("statements", {})
    if not isinstance(raw, dict) or not all(isinstance(v, bool) for v in raw.values()):
        r.fail("consent.statements", "should map statement ids to true or false")
    else:
        statements = dict(raw)

    def flag(key: str) -> bool | None:
        return r.get(obj, key, path, bool, "true or false", required=False)

    return ConsentAnswers(
        version=version,
        fingerprint=r.text(obj, "fingerprint", path),
        read_to_end=bool(flag("read_to_end")),
        statements=statements,
        electronic_signature=bool(flag("electronic_signature")),
        photo_clinical=flag("photo_clinical"),
        photo_marketing=flag("photo_marketing"),
    )


SIGNATURE_KEYS = {
    "role",
    "name",
    "meaning",
    "signed_at",
    "utc_offset_minutes",
    "strokes",
    "png",
    "typed",
}
OPTIONAL_SIGNATURE_KEYS = {"typed"}
MAX_SIGNATURE_POINTS = 20_000


def _signatures(r: _Reader, value: Any) -> tuple[Signature, ...]:
    if not isinstance(value, list):
        r.fail("signatures", f"should be a list, not {_kind(value)}")
        return ()
    out: list[Signature] = []
    roles: set[SignatureRole] = set()
    for i, raw in enumerate(value):
        path = f"signatures[{i}]"
        obj = r.table(raw, path, SIGNATURE_KEYS)
        if obj is None:
            continue
        role = r.choice(
            obj, "role", path, SignatureRole, "client, guardian or practitioner", required=True
        )
        if role in roles:
            r.fail(_join(path, "role"), f"{role} has signed twice")
            continue
        stamp = r.get(obj, "signed_at", path, str, "a UTC time (YYYY-MM-DDTHH:MM:SS.sssZ)")
        signed_at = None
        if stamp is not None:
            try:
                signed_at = parse_utc_timestamp(stamp)
            except ValueError:
                r.fail(_join(path, "signed_at"), f"is not a UTC time: {stamp!r}")
        offset = r.integer(obj, "utc_offset_minutes", path, -14 * 60, 14 * 60, required=True)
        strokes = _strokes(r, obj.get("strokes"), _join(path, "strokes"))
        png = None
        encoded = r.get(obj, "png", path, str, "a base64 PNG image")
        if encoded is not None:
            try:
                png = base64.b64decode(encoded, validate=True)
            except ValueError:
                png = None
            if png is None or not png.startswith(b"\x89PNG\r\n\x1a\n"):
                r.fail(_join(path, "png"), "is not a base64 PNG image")
                png = None
        name = r.text(obj, "name", path, required=True)
        meaning = r.text(obj, "meaning", path, required=True)
        typed = r.get(obj, "typed", path, bool, "true or false", required=False)
        if role and signed_at and offset is not None and strokes is not None and png:
            roles.add(role)
            out.append(Signature(role, name, meaning, signed_at, offset, strokes, png, bool(typed)))
    return tuple(out)


def _strokes(r: _Reader, value: Any, path: str) -> tuple[Stroke, ...] | None:
    if not isinstance(value, list) or not value:
        r.fail(path, "should be a non-empty list of strokes")
        return None
    strokes = []
    total = 0
    for i, stroke in enumerate(value):
        if not isinstance(stroke, list) or not stroke:
            r.fail(f"{path}[{i}]", "should be a non-empty list of [x, y, ms] points")
            return None
        points = []
        for point in stroke:
            if (
                not isinstance(point, list)
                or len(point) != 3
                or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
                or not all(math.isfinite(v) for v in point)
            ):
                r.fail(f"{path}[{i}]", "should hold [x, y, ms] points of finite numbers")
                return None
            points.append((float(point[0]), float(point[1]), int(point[2])))
        total += len(points)
        strokes.append(tuple(points))
    if total > MAX_SIGNATURE_POINTS:
        r.fail(path, f"has more than {MAX_SIGNATURE_POINTS} points")
        return None
    return tuple(strokes)


def _practitioner(r: _Reader, value: Any) -> SigningPractitioner | None:
    path = "practitioner"
    obj = r.table(value, path, {"id", "full_name", "profession", "registration_number"})
    if obj is None:
        return None
    return SigningPractitioner(
        r.text(obj, "id", path, required=True),
        r.text(obj, "full_name", path, required=True),
        r.text(obj, "profession", path, required=True),
        r.text(obj, "registration_number", path, required=True),
    )


# --- writing ------------------------------------------------------------------------------


def record_to_dict(record: ConsultationRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "format_version": record.format_version,
        "record_id": record.record_id,
        "consultation_date": record.consultation_date.isoformat(),
        "client": {
            "id": record.client.id,
            "family_name": record.client.family_name,
            "given_name": record.client.given_name,
            "date_of_birth": record.client.date_of_birth.isoformat(),
        },
        "medical_history": {
            qid: {
                "answer": a.answer.value,
                **{k: _follow_up_json(v) for k, v in a.follow_ups.items()},
            }
            for qid, a in record.medical_history.items()
        },
        "areas": [_area_json(a) for a in record.areas],
    }
    if record.guardian is not None:
        g = record.guardian
        guardian: dict[str, Any] = {"name": g.name, "relationship": g.relationship}
        if g.consents is not None:
            guardian["consents"] = g.consents
        out["guardian"] = guardian
    skin: dict[str, Any] = {}
    if record.fitzpatrick is not None:
        f = record.fitzpatrick
        skin["fitzpatrick"] = (
            {"method": f.method.value, "type": f.type}
            if f.method is FitzpatrickMethod.DIRECT
            else {"method": f.method.value, "answers": dict(f.answers)}
        )
    if record.skin_notes:
        skin["notes"] = record.skin_notes
    if skin:
        out["skin"] = skin
    if record.plan is not None:
        out["plan"] = _plan_json(record.plan)
    if record.acknowledged_precautions:
        out["acknowledged_precautions"] = list(record.acknowledged_precautions)
    if record.consent is not None:
        c = record.consent
        consent: dict[str, Any] = {
            "version": c.version,
            "fingerprint": c.fingerprint,
            "read_to_end": c.read_to_end,
            "statements": dict(c.statements),
            "electronic_signature": c.electronic_signature,
        }
        if c.photo_clinical is not None:
            consent["photo_clinical"] = c.photo_clinical
        if c.photo_marketing is not None:
            consent["photo_marketing"] = c.photo_marketing
        out["consent"] = consent
    if record.signatures:
        out["signatures"] = [
            {
                "role": sig.role.value,
                "name": sig.name,
                "meaning": sig.meaning,
                "signed_at": utc_timestamp(sig.signed_at),
                "utc_offset_minutes": sig.utc_offset_minutes,
                "strokes": [[list(point) for point in stroke] for stroke in sig.strokes],
                "png": base64.b64encode(sig.png).decode("ascii"),
                # Only when typed: drawn signatures keep the form they were signed in.
                **({"typed": True} if sig.typed else {}),
            }
            for sig in record.signatures
        ]
    if record.practitioner is not None:
        p = record.practitioner
        out["practitioner"] = {
            "id": p.id,
            "full_name": p.full_name,
            "profession": p.profession,
            "registration_number": p.registration_number,
        }
    if record.content_version is not None:
        out["content_version"] = record.content_version
    return out


def _follow_up_json(value: FollowUpValue) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _area_json(a: AreaAssessment) -> dict[str, Any]:
    out: dict[str, Any] = {"area": a.area}
    if a.skin_thickness is not None:
        out["skin_thickness"] = a.skin_thickness.value
    if a.scar is not None:
        out["scar"] = _scar_json(a.scar)
    if a.notes:
        out["notes"] = a.notes
    return out


def _scar_json(s: ScarAssessment) -> dict[str, Any]:
    out: dict[str, Any] = {"type": s.type}
    if s.goodman_baron_qualitative is not None:
        out["goodman_baron_qualitative"] = s.goodman_baron_qualitative
    if s.goodman_baron_quantitative is not None:
        q: dict[str, Any] = {"counts": dict(s.goodman_baron_quantitative.counts)}
        if s.goodman_baron_quantitative.keloidal_area_cm2 is not None:
            q["keloidal_area_cm2"] = s.goodman_baron_quantitative.keloidal_area_cm2
        out["goodman_baron_quantitative"] = q
    if s.vancouver is not None:
        out["vancouver"] = dict(s.vancouver)
    if s.posas is not None:
        p: dict[str, Any] = {}
        if s.posas.observer:
            p["observer"] = dict(s.posas.observer)
        if s.posas.patient:
            p["patient"] = dict(s.posas.patient)
        if s.posas.observer_overall is not None:
            p["observer_overall"] = s.posas.observer_overall
        if s.posas.patient_overall is not None:
            p["patient_overall"] = s.posas.patient_overall
        out["posas"] = p
    if s.surgery_date is not None:
        out["surgery_date"] = s.surgery_date.isoformat()
    if s.wound_closed is not None:
        out["wound_closed"] = s.wound_closed
    if s.notes:
        out["notes"] = s.notes
    return out


def _plan_json(p: PlanChoice) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if p.device is not None:
        out["device"] = p.device
    if p.depths_mm:
        out["depths_mm"] = dict(p.depths_mm)
    for key in ("sessions", "interval_weeks", "topical_anaesthetic", "test_patch"):
        value = getattr(p, key)
        if value is not None:
            out[key] = value
    if p.acknowledged_warnings:
        out["acknowledged_warnings"] = list(p.acknowledged_warnings)
    return out


def canonical_json(record: ConsultationRecord) -> bytes:
    """Sorted keys, UTF-8, no spaces: the bytes the record hash is computed over."""
    return json.dumps(
        record_to_dict(record), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def record_hash(record: ConsultationRecord) -> str:
    return hashlib.sha256(canonical_json(record)).hexdigest()
