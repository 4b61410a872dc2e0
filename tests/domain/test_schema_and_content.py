import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.domain.records import CATALOGUE

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "mneedle_desktop/content/record.schema.json").read_text())
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_match_the_schema(path: Path) -> None:
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)


def test_shipped_schema_is_the_one_the_content_gives() -> None:
    from tools.make_record_schema import SCHEMA_PATH, render

    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(CATALOGUE), (
        "run: python tools/make_record_schema.py"
    )


def test_schema_names_exactly_the_content_ids() -> None:
    props = SCHEMA["properties"]
    area = SCHEMA["$defs"]["area"]["properties"]
    assert set(props["medical_history"]["properties"]) == set(CATALOGUE.questions)
    assert set(SCHEMA["$defs"]["area_id"]["enum"]) == set(CATALOGUE.areas)
    assert set(props["plan"]["properties"]["device"]["enum"]) == set(CATALOGUE.devices)
    assert set(area["scar"]["properties"]["type"]["enum"]) == set(CATALOGUE.scar_types)
    assert set(props["acknowledged_precautions"]["items"]["enum"]) == {
        r.id for r in CATALOGUE.rules
    }


def test_every_question_is_read_by_a_rule() -> None:
    read = {r.trigger.question for r in CATALOGUE.rules}
    assert set(CATALOGUE.questions) <= read


def test_there_is_an_example_for_every_outcome() -> None:
    from mneedle_desktop.domain.record_json import record_from_json
    from mneedle_desktop.domain.screening import Outcome, screen

    outcomes = set()
    for path in EXAMPLES:
        record = record_from_json(path.read_bytes(), CATALOGUE)
        outcomes.add(screen(record, record.consultation_date, CATALOGUE).outcome)
    assert outcomes == set(Outcome)


def test_the_engine_runs_without_pyside6_installed() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "from mneedle_desktop.services.screening import assess_file, clinic_catalogue\n"
        "from pathlib import Path\n"
        f"a = assess_file(Path({str(EXAMPLES[0])!r}), None, clinic_catalogue(None))\n"
        "print(a.decision.outcome)\n"
        "assert not any(m.startswith('PySide6.') for m in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
