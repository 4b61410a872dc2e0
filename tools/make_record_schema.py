"""Write the consultation record's JSON Schema from the clinical content.

    python tools/make_record_schema.py

The ids the schema lists (questions, areas, devices, scar types, rules) come from the
content files, so run this after changing them; a test fails while the shipped schema and
the content disagree.
"""

import json
import sys
from pathlib import Path
from typing import Any

from mneedle_desktop.domain.catalogue import Catalogue, FollowUpType
from mneedle_desktop.domain.catalogue_load import load_catalogue
from mneedle_desktop.domain.record_json import OPTIONAL_SIGNATURE_KEYS, SIGNATURE_KEYS

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "mneedle_desktop/content/record.schema.json"


def _items(ids: list[str], low: int, high: int) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(ids),
        "properties": {i: {"type": "integer", "minimum": low, "maximum": high} for i in ids},
    }


def _follow_up(kind: FollowUpType) -> dict[str, Any]:
    if kind is FollowUpType.DATE:
        return {"$ref": "#/$defs/date"}
    if kind is FollowUpType.FLAG:
        return {"type": "boolean"}
    if kind is FollowUpType.AREAS:
        return {
            "type": "array",
            "items": {"$ref": "#/$defs/area_id"},
            "minItems": 1,
            "uniqueItems": True,
        }
    return {"type": "string"}


def build_schema(c: Catalogue) -> dict[str, Any]:
    history = {
        q.id: {
            "type": "object",
            "additionalProperties": False,
            "required": ["answer"],
            "description": q.text,
            "properties": {
                "answer": {"enum": ["yes", "no"]},
                **{f.id: _follow_up(f.type) for f in q.follow_ups},
            },
        }
        for q in c.questions.values()
    }
    vancouver = _items([i.id for i in c.vancouver_items], 0, 5)
    for item in c.vancouver_items:
        vancouver["properties"][item.id]["maximum"] = item.max
    scar = {
        "type": "object",
        "additionalProperties": False,
        "required": ["type"],
        "properties": {
            "type": {"enum": sorted(c.scar_types)},
            "goodman_baron_qualitative": {"type": "integer", "minimum": 1, "maximum": 4},
            "goodman_baron_quantitative": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "counts": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            t.id: {"type": "integer", "minimum": 0, "maximum": 10000}
                            for t in c.gb_types.values()
                            if not t.by_area
                        },
                    },
                    "keloidal_area_cm2": {"type": "number", "exclusiveMinimum": 0},
                },
            },
            "vancouver": vancouver,
            "posas": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "observer": _items([i.id for i in c.posas_observer], c.posas_min, c.posas_max),
                    "patient": _items([i.id for i in c.posas_patient], c.posas_min, c.posas_max),
                    "observer_overall": {"type": "integer", "minimum": 1, "maximum": 10},
                    "patient_overall": {"type": "integer", "minimum": 1, "maximum": 10},
                },
            },
            "surgery_date": {"$ref": "#/$defs/date"},
            "wound_closed": {"type": "boolean"},
            "notes": {"type": "string"},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "MNeedle Desktop consultation record, format versions 1 and 2",
        "description": (
            "One consultation of one client: medical history, skin type, scar assessment per "
            "area, the practitioner's plan and acknowledgements. Dates are ISO 8601 "
            "(YYYY-MM-DD). See docs/record-format.md. Rules the schema cannot express (dates "
            "not after the consultation date, a depth not above the device's maximum) are "
            "checked by the program."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "format_version", "record_id", "consultation_date", "client"],
        "properties": {
            "format": {"const": "mneedle-consultation"},
            "format_version": {"enum": [1, 2]},
            "record_id": {"$ref": "#/$defs/uuid"},
            "consultation_date": {"$ref": "#/$defs/date"},
            "client": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "family_name", "given_name", "date_of_birth"],
                "properties": {
                    "id": {"$ref": "#/$defs/uuid"},
                    "family_name": {"type": "string", "minLength": 1},
                    "given_name": {"type": "string", "minLength": 1},
                    "date_of_birth": {"$ref": "#/$defs/date"},
                },
            },
            "guardian": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "required": ["name", "relationship"],
                "properties": {
                    "name": {"type": "string"},
                    "relationship": {"type": "string"},
                    "consents": {"type": "boolean"},
                },
            },
            "medical_history": {
                "type": "object",
                "additionalProperties": False,
                "description": "Answers by question id. A question left out is reported as "
                "missing, never taken as no.",
                "properties": history,
            },
            "skin": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "fitzpatrick": {
                        "oneOf": [
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["method", "answers"],
                                "properties": {
                                    "method": {"const": "quiz"},
                                    "answers": _items(
                                        [q.id for q in c.fitzpatrick_questions], 0, 4
                                    ),
                                },
                            },
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["method", "type"],
                                "properties": {
                                    "method": {"const": "direct"},
                                    "type": {"type": "integer", "minimum": 1, "maximum": 6},
                                },
                            },
                        ]
                    },
                    "notes": {"type": "string"},
                },
            },
            "areas": {"type": "array", "items": {"$ref": "#/$defs/area"}},
            "plan": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {
                    "device": {"enum": sorted(c.devices)},
                    "depths_mm": {
                        "type": "object",
                        "propertyNames": {"$ref": "#/$defs/area_id"},
                        "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
                    },
                    "sessions": {"type": "integer", "minimum": 1, "maximum": 20},
                    "interval_weeks": {"type": "integer", "minimum": 1, "maximum": 52},
                    "topical_anaesthetic": {"type": "boolean"},
                    "test_patch": {"type": "boolean"},
                    "acknowledged_warnings": {"type": "array", "items": {"type": "string"}},
                },
            },
            "acknowledged_precautions": {
                "type": "array",
                "items": {"enum": [r.id for r in c.rules]},
            },
            "consent": {
                "description": "Version 2: the client's answers on the consent page.",
                "type": "object",
                "additionalProperties": False,
                "required": ["version"],
                "properties": {
                    "version": {"type": "string"},
                    "fingerprint": {"type": "string"},
                    "read_to_end": {"type": "boolean"},
                    "statements": {
                        "type": "object",
                        "propertyNames": {"enum": [st.id for st in c.consent.statements]},
                        "additionalProperties": {"type": "boolean"},
                    },
                    "electronic_signature": {"type": "boolean"},
                    "photo_clinical": {"type": "boolean"},
                    "photo_marketing": {"type": "boolean"},
                },
            },
            "signatures": {
                "description": "Version 2: drawn signatures, each with its meaning and time.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": sorted(SIGNATURE_KEYS - OPTIONAL_SIGNATURE_KEYS),
                    "properties": {
                        "role": {"enum": ["client", "guardian", "practitioner"]},
                        "name": {"type": "string"},
                        "meaning": {"type": "string"},
                        "signed_at": {"type": "string"},
                        "utc_offset_minutes": {"type": "integer", "minimum": -840, "maximum": 840},
                        "strokes": {
                            "type": "array",
                            "items": {
                                "type": "array",
                                "items": {
                                    "type": "array",
                                    "items": {"type": "number"},
                                    "minItems": 3,
                                    "maxItems": 3,
                                },
                            },
                        },
                        "png": {"type": "string", "contentEncoding": "base64"},
                        "typed": {
                            "description": "Typed with the keyboard rather than drawn.",
                            "type": "boolean",
                        },
                    },
                },
            },
            "practitioner": {
                "description": "Version 2: who signed as the practitioner.",
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "full_name", "profession", "registration_number"],
                "properties": {
                    k: {"type": "string"}
                    for k in ("id", "full_name", "profession", "registration_number")
                },
            },
            "content_version": {
                "description": "Version 2: the clinical content version the record was "
                "signed under.",
                "type": "string",
            },
        },
        "$defs": {
            "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "uuid": {
                "type": "string",
                "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            },
            "area_id": {"enum": sorted(c.areas)},
            "area": {
                "type": "object",
                "additionalProperties": False,
                "required": ["area"],
                "properties": {
                    "area": {"$ref": "#/$defs/area_id"},
                    "skin_thickness": {"enum": ["thin", "thick"]},
                    "notes": {"type": "string"},
                    "scar": scar,
                },
            },
        },
    }


def render(catalogue: Catalogue) -> str:
    return json.dumps(build_schema(catalogue), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    SCHEMA_PATH.write_text(render(load_catalogue()), encoding="utf-8")
    print(SCHEMA_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
