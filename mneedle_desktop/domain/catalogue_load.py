"""Building the ``Catalogue`` from the bundled TOML content, checked as it is read."""

import tomllib
from collections.abc import Callable
from typing import TypeVar

from mneedle_desktop.content import read_content
from mneedle_desktop.domain.catalogue import (
    AftercareItem,
    AftercareWindow,
    Area,
    AreaScore,
    Band,
    Catalogue,
    ConsentSection,
    ConsentStatement,
    ConsentWording,
    CountMultiplier,
    CourseRule,
    DepthRange,
    Device,
    DocumentWording,
    Downtime,
    FitzpatrickQuestion,
    FollowUp,
    FollowUpType,
    GBType,
    MinorsPolicy,
    Question,
    QuestionGroup,
    Rule,
    RuleKind,
    ScaleItem,
    ScarType,
    Trigger,
)
from mneedle_desktop.domain.intervals import Interval, IntervalUnit
from mneedle_desktop.domain.toml_reader import Reader, decode_error

T = TypeVar("T")


def _document(name: str, text: str | None = None) -> Reader:
    source = read_content(name) if text is None else text
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        raise decode_error(name, e) from e
    return Reader(data, name, source)


def _choice(reader: Reader, key: str, enum: Callable[[str], T], allowed: str) -> T:
    value = reader.text_value(key)
    try:
        return enum(value)
    except ValueError:
        raise reader.error(key, f"should be one of {allowed}, not {value!r}") from None


def read_interval(reader: Reader) -> Interval:
    """``{ days = N }``, ``{ weeks = N }`` or ``{ months = N }``: one unit, N >= 0."""
    units = [u for u in IntervalUnit if u.value in reader.data]
    reader.only({u.value for u in IntervalUnit})
    if len(units) != 1:
        raise reader.error("", "should give exactly one of days, weeks or months")
    unit = units[0]
    amount = reader.whole(unit.value)
    if amount < 0:
        raise reader.error(unit.value, "cannot be negative")
    if amount > MAX_INTERVAL[unit]:
        raise reader.error(
            unit.value, f"is more than the {MAX_INTERVAL[unit]} {unit.value} allowed"
        )
    return Interval(amount, unit)


# Ten years: longer is a typing mistake, and far-future dates overflow the calendar.
MAX_INTERVAL = {IntervalUnit.DAYS: 3653, IntervalUnit.WEEKS: 522, IntervalUnit.MONTHS: 120}


def _depth(reader: Reader, key: str) -> DepthRange | None:
    table = reader.opt_table(key)
    if table is None:
        return None
    low, high = table.number("min"), table.number("max")
    if not 0 < low <= high:
        raise table.error("", "needs 0 < min <= max")
    return DepthRange(low, high)


_TRIGGER_GROUPS = (
    {"question"},
    {"age_under", "minors_policy"},
    {"fitzpatrick_from"},
    {"scar_types", "vancouver_height_from", "keloidal_area"},
    {"surgical_scar"},
    {"incomplete"},
)


def _trigger(reader: Reader) -> Trigger:
    reader.only(set().union(*_TRIGGER_GROUPS))
    groups = [g for g in _TRIGGER_GROUPS if g & set(reader.data)]
    if len(groups) != 1:
        raise reader.error("", "should name exactly one condition")
    policy = reader.opt_text("minors_policy")
    if policy is not None and policy not in {m.value for m in MinorsPolicy}:
        raise reader.error("minors_policy", "should be guardian_consent or not_suitable")
    return Trigger(
        question=reader.opt_text("question"),
        age_under=reader.opt_whole("age_under"),
        minors_policy=policy,
        fitzpatrick_from=reader.opt_whole("fitzpatrick_from"),
        scar_types=reader.strings("scar_types"),
        vancouver_height_from=reader.opt_whole("vancouver_height_from"),
        keloidal_area=reader.flag("keloidal_area"),
        surgical_scar=reader.flag("surgical_scar"),
        incomplete=reader.flag("incomplete"),
    )


WORDING_KEYS = (
    "client_text",
    "practitioner_note",
    "eligible_when",
    "precaution",
    "conflict_text",
    "source",
)


def check_wording(reader: Reader, key: str, text: str) -> None:
    """Wording may use ``{interval}`` and no other placeholder."""
    leftover = text.replace("{interval}", "")
    if "{" in leftover or "}" in leftover:
        raise reader.error(key, "may use {interval} and no other {placeholder}")


RULE_KEYS = frozenset(
    {
        "id",
        "kind",
        "trigger",
        "interval",
        "interval_from",
        "material",
        "plan_requires",
        "title",
        *WORDING_KEYS,
    }
)


def _rule(r: Reader) -> Rule:
    r.only(RULE_KEYS)
    for key in WORDING_KEYS:
        text = r.opt_text(key)
        if text is not None:
            check_wording(r, key, text)
    interval_table = r.opt_table("interval")
    return Rule(
        id=r.text_value("id"),
        kind=_choice(r, "kind", RuleKind, "absolute, defer, caution or local"),
        trigger=_trigger(r.table("trigger")),
        client_text=r.text_value("client_text"),
        practitioner_note=r.text_value("practitioner_note"),
        source=r.text_value("source"),
        interval=None if interval_table is None else read_interval(interval_table),
        interval_from=r.opt_text("interval_from"),
        eligible_when=r.opt_text("eligible_when"),
        precaution=r.opt_text("precaution"),
        material=r.opt_text("material"),
        conflict_text=r.opt_text("conflict_text"),
        plan_requires=r.opt_text("plan_requires"),
        title=r.opt_text("title") or r.text_value("id").replace("_", " ").capitalize(),
    )


def _questions(doc: Reader) -> tuple[tuple[QuestionGroup, ...], dict[str, Question]]:
    groups = tuple(
        QuestionGroup(g.text_value("id"), g.text_value("title")) for g in doc.tables("group")
    )
    group_ids = {g.id for g in groups}
    questions: dict[str, Question] = {}
    for q in doc.tables("question"):
        follow_ups = tuple(
            FollowUp(
                id=f.text_value("id"),
                type=_choice(f, "type", FollowUpType, "date, flag, areas or text"),
                label=f.text_value("label"),
                required=f.flag("required"),
            )
            for f in q.tables("follow_ups")
        )
        question = Question(
            q.text_value("id"), q.text_value("group"), q.text_value("text"), follow_ups
        )
        if question.group not in group_ids:
            raise q.error("group", f"names no group: {question.group!r}")
        if question.id in questions:
            raise q.error("id", f"{question.id!r} is used twice")
        questions[question.id] = question
    return groups, questions


def _check_rules(
    doc: Reader, rules: tuple[Rule, ...], questions: dict[str, Question], scar_types: set[str]
) -> None:
    seen: set[str] = set()
    for i, rule in enumerate(rules):
        r = Reader(doc.data["rule"][i], doc.file, doc.text, f"rule.{i}")
        if rule.id in seen:
            raise r.error("id", f"{rule.id!r} is used twice")
        seen.add(rule.id)
        q = rule.trigger.question
        if q is not None and q not in questions:
            raise r.error("trigger.question", f"names no question: {q!r}")
        for scar_type in rule.trigger.scar_types:
            if scar_type not in scar_types:
                raise r.error("trigger.scar_types", f"names no scar type: {scar_type!r}")
        if rule.kind is RuleKind.DEFER and rule.interval is None and rule.eligible_when is None:
            raise r.error("", "a defer rule needs an interval or eligible_when")
        if rule.interval is not None and rule.interval_from is None:
            raise r.error("interval_from", "is missing (which date does the interval count from?)")
        if rule.kind is RuleKind.CAUTION and rule.precaution is None:
            raise r.error("precaution", "is missing (a caution rule names its precaution)")


def load_catalogue() -> Catalogue:
    """The bundled content, checked. Raises ``ContentError`` naming the file and key."""
    manifest = _document("manifest.toml")
    qdoc = _document("questions.toml")
    rdoc = _document("rules.toml")
    sdoc = _document("skin.toml")
    tdoc = _document("treatment.toml")
    adoc = _document("aftercare.toml")
    cdoc = _document("consent.toml")
    ddoc = _document("document.toml")

    groups, questions = _questions(qdoc)
    rules = tuple(_rule(r) for r in rdoc.tables("rule"))
    policy = rdoc.table("policy")
    minors = _choice(policy, "minors", MinorsPolicy, "guardian_consent or not_suitable")

    fitz = sdoc.table("fitzpatrick")
    fitz_questions = tuple(
        FitzpatrickQuestion(q.text_value("id"), q.text_value("text"), q.strings("options"))
        for q in fitz.tables("question")
    )
    for i, fq in enumerate(fitz_questions):
        if len(fq.options) != 5:
            raise fitz.error(f"question.{i}.options", "needs five options, scored 0 to 4")
    bands = tuple(
        Band(b.whole("type"), b.whole("min"), b.whole("max")) for b in fitz.tables("bands")
    )
    scar_types = {
        s.text_value("id"): ScarType(
            s.text_value("id"), s.text_value("label"), s.text_value("indication")
        )
        for s in sdoc.tables("scar_type")
    }
    _check_rules(rdoc, rules, questions, set(scar_types))

    gbq = sdoc.table("goodman_baron_qualitative")
    gbn = sdoc.table("goodman_baron_quantitative")
    vss = sdoc.table("vancouver")
    posas = sdoc.table("posas")

    depth = tdoc.table("depth")
    areas: dict[str, Area] = {}
    for a in tdoc.tables("area"):
        area = Area(
            id=a.text_value("id"),
            label=a.text_value("label"),
            region=a.text_value("region"),
            depth=_depth(a, "depth"),
            depth_thin=_depth(a, "depth_thin"),
            depth_thick=_depth(a, "depth_thick"),
        )
        if (area.depth is None) == (area.depth_thin is None or area.depth_thick is None):
            raise a.error("", "needs either depth, or both depth_thin and depth_thick")
        areas[area.id] = area
    devices = {
        d.text_value("id"): Device(
            d.text_value("id"),
            d.text_value("label"),
            d.text_value("kind"),
            d.number("max_depth_mm"),
            d.text_value("needle_material"),
        )
        for d in tdoc.tables("device")
    }
    materials = tdoc.table("materials")
    course = tdoc.table("course")
    courses: dict[str, CourseRule] = {}
    for indication in ("acne", "striae", "surgical", "other"):
        c = course.table(indication)
        courses[indication] = CourseRule(
            indication=indication,
            sessions_min=c.whole("sessions_min"),
            sessions_max=c.opt_whole("sessions_max"),
            sessions_by_grade=c.ints("sessions_by_grade"),
            interval_weeks_min=c.whole("interval_weeks_min"),
            interval_weeks_default=c.opt_whole("interval_weeks_default"),
            interval_weeks_max=c.whole("interval_weeks_max"),
            start_after_weeks_min=c.opt_whole("start_after_weeks_min"),
            start_after_weeks_max=c.opt_whole("start_after_weeks_max"),
            note=c.opt_text("note") or "",
        )

    contact = adoc.table("contact")
    photos = cdoc.table("photos")
    meanings = cdoc.table("meanings")
    consent = ConsentWording(
        version=cdoc.text_value("version"),
        title=cdoc.text_value("title"),
        sections=tuple(
            ConsentSection(x.text_value("heading"), x.text_value("text"))
            for x in cdoc.tables("section")
        ),
        statements=tuple(
            ConsentStatement(x.text_value("id"), x.text_value("text"))
            for x in cdoc.tables("statement")
        ),
        photos_heading=photos.text_value("heading"),
        photo_clinical=photos.text_value("clinical"),
        photo_marketing=photos.text_value("marketing"),
        electronic_signature=cdoc.table("electronic_signature").text_value("text"),
        meanings={
            role: meanings.text_value(role) for role in ("client", "guardian", "practitioner")
        },
    )
    return Catalogue(
        version=manifest.text_value("version"),
        question_groups=groups,
        questions=questions,
        rules=rules,
        minors_policy=minors,
        fitzpatrick_questions=fitz_questions,
        fitzpatrick_bands=bands,
        fitzpatrick_source=fitz.text_value("source"),
        scar_types=scar_types,
        gb_qualitative_grades={
            g.whole("grade"): g.text_value("label") for g in gbq.tables("grades")
        },
        gb_qualitative_source=gbq.text_value("source"),
        gb_types={
            t.text_value("id"): GBType(
                t.text_value("id"),
                t.text_value("grade"),
                t.text_value("label"),
                t.whole("points", 0),
                t.flag("by_area"),
            )
            for t in gbn.tables("type")
        },
        gb_multipliers=tuple(
            CountMultiplier(m.whole("min"), m.whole("multiplier"), m.opt_whole("max"))
            for m in gbn.tables("multipliers")
        ),
        gb_area_scores=tuple(
            AreaScore(
                s.whole("score"),
                s.text_value("label"),
                s.opt_number("below_cm2"),
                s.opt_number("up_to_cm2"),
            )
            for s in gbn.tables("area_scores")
        ),
        gb_maximum=gbn.whole("maximum"),
        gb_quantitative_source=gbn.text_value("source"),
        vancouver_items=tuple(
            ScaleItem(
                i.text_value("id"), i.text_value("label"), i.whole("max"), i.strings("levels")
            )
            for i in vss.tables("items")
        ),
        vancouver_source=vss.text_value("source"),
        posas_observer=tuple(
            ScaleItem(i.text_value("id"), i.text_value("label")) for i in posas.tables("observer")
        ),
        posas_patient=tuple(
            ScaleItem(i.text_value("id"), i.text_value("label")) for i in posas.tables("patient")
        ),
        posas_min=posas.whole("min"),
        posas_max=posas.whole("max"),
        posas_source=posas.text_value("source"),
        areas=areas,
        depth_source=depth.text_value("source"),
        conservative_from_fitzpatrick=depth.whole("conservative_from_fitzpatrick"),
        downtime=tuple(
            Downtime(d.number("max_mm"), d.text_value("text")) for d in depth.tables("downtime")
        ),
        devices=devices,
        allergen_materials={k: materials.strings(k) for k in materials.data},
        courses=courses,
        course_source=course.text_value("source"),
        extra_sessions_from_fitzpatrick=course.whole("extra_sessions_from_fitzpatrick"),
        extra_sessions=course.whole("extra_sessions"),
        aftercare_windows=tuple(
            AftercareWindow(
                w.text_value("id"),
                w.text_value("title"),
                tuple(
                    AftercareItem(i.text_value("text"), i.opt_text("when"))
                    for i in w.tables("items")
                ),
            )
            for w in adoc.tables("window")
        ),
        aftercare_contact_title=contact.text_value("title"),
        aftercare_contact=contact.strings("items"),
        consent=consent,
        document=DocumentWording(
            title=ddoc.text_value("title"),
            letter_title=ddoc.text_value("letter_title"),
            headings=_strings_table(ddoc.table("headings")),
            labels=_strings_table(ddoc.table("labels")),
            letter=_strings_table(ddoc.table("letter")),
        ),
    )


def _strings_table(table: Reader) -> dict[str, str]:
    return {key: table.text_value(key) for key in table.data}
