"""Hypothesis strategies for valid consultation records."""

from datetime import date
from typing import Any

from hypothesis import strategies as st

from mneedle_desktop.domain.catalogue import FollowUpType
from tests.domain.records import CATALOGUE, CONSULTATION_DATE, base_dict

AREA_IDS = sorted(CATALOGUE.areas)
SCAR_TYPES = sorted(CATALOGUE.scar_types)
PAST = st.dates(min_value=date(2000, 1, 1), max_value=CONSULTATION_DATE)


@st.composite
def answers(draw: st.DrawFn, qid: str) -> dict[str, Any]:
    question = CATALOGUE.questions[qid]
    if not draw(st.booleans()):
        return {"answer": "no"}
    out: dict[str, Any] = {"answer": "yes"}
    for f in question.follow_ups:
        if not draw(st.booleans()):
            continue
        if f.type is FollowUpType.DATE:
            out[f.id] = draw(PAST).isoformat()
        elif f.type is FollowUpType.FLAG:
            out[f.id] = draw(st.booleans())
        elif f.type is FollowUpType.AREAS:
            out[f.id] = draw(
                st.lists(st.sampled_from(AREA_IDS), min_size=1, max_size=3, unique=True)
            )
        else:
            out[f.id] = draw(st.text(max_size=20))
    return out


@st.composite
def areas(draw: st.DrawFn) -> list[dict[str, Any]]:
    chosen = draw(st.lists(st.sampled_from(AREA_IDS), min_size=1, max_size=3, unique=True))
    out = []
    for area_id in chosen:
        scar_type = draw(st.sampled_from(SCAR_TYPES))
        scar: dict[str, Any] = {"type": scar_type}
        if draw(st.booleans()):
            scar["goodman_baron_qualitative"] = draw(st.integers(1, 4))
        if draw(st.booleans()):
            scar["vancouver"] = {
                i.id: draw(st.integers(0, i.max)) for i in CATALOGUE.vancouver_items
            }
        if scar_type == "surgical":
            scar["surgery_date"] = draw(PAST).isoformat()
            scar["wound_closed"] = draw(st.booleans())
        area: dict[str, Any] = {"area": area_id, "scar": scar}
        if CATALOGUE.areas[area_id].depends_on_thickness:
            area["skin_thickness"] = draw(st.sampled_from(["thin", "thick"]))
        out.append(area)
    return out


@st.composite
def record_dicts(draw: st.DrawFn) -> dict[str, Any]:
    d = base_dict()
    d["client"]["date_of_birth"] = draw(
        st.dates(min_value=date(1930, 1, 1), max_value=date(1999, 12, 31))
    ).isoformat()
    d["medical_history"] = {qid: draw(answers(qid)) for qid in CATALOGUE.questions}
    d["skin"] = {"fitzpatrick": {"method": "direct", "type": draw(st.integers(1, 6))}}
    d["areas"] = draw(areas())
    return d
