"""Building consultation records for tests, through the real JSON reader."""

import copy
from datetime import date
from typing import Any

from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.catalogue_load import load_catalogue
from mneedle_desktop.domain.record import ConsultationRecord
from mneedle_desktop.domain.record_json import record_from_dict

CATALOGUE = load_catalogue()
CONSULTATION_DATE = date(2026, 11, 25)

# Scores 1 on every question: total 10, Fitzpatrick type II.
QUIZ_TYPE_II = {q.id: 1 for q in CATALOGUE.fitzpatrick_questions}


def base_dict() -> dict[str, Any]:
    return {
        "format": "mneedle-consultation",
        "format_version": 1,
        "record_id": "11111111-2222-4333-8444-555555555555",
        "consultation_date": CONSULTATION_DATE.isoformat(),
        "client": {
            "id": "99999999-8888-4777-8666-555555555555",
            "family_name": "Test",
            "given_name": "Client",
            "date_of_birth": "1990-05-12",
        },
        "medical_history": {q: {"answer": "no"} for q in CATALOGUE.questions},
        "skin": {"fitzpatrick": {"method": "quiz", "answers": dict(QUIZ_TYPE_II)}},
        "areas": [
            {
                "area": "cheeks",
                "skin_thickness": "thick",
                "scar": {"type": "rolling", "goodman_baron_qualitative": 2},
            }
        ],
    }


def make_dict(
    *,
    history: dict[str, dict[str, Any]] | None = None,
    areas: list[dict[str, Any]] | None = None,
    fitzpatrick_type: int | None = None,
    **top: Any,
) -> dict[str, Any]:
    d = base_dict()
    for qid, answer in (history or {}).items():
        d["medical_history"][qid] = answer
    if areas is not None:
        d["areas"] = areas
    if fitzpatrick_type is not None:
        d["skin"] = {"fitzpatrick": {"method": "direct", "type": fitzpatrick_type}}
    for key, value in top.items():
        if value is None:
            d.pop(key, None)
        else:
            d[key] = value
    return copy.deepcopy(d)


def make_record(catalogue: Catalogue = CATALOGUE, **changes: Any) -> ConsultationRecord:
    return record_from_dict(make_dict(**changes), catalogue)
