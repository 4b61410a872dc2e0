"""``mneedle-desktop screen``: the clinical engine from the command line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def screen(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MNEEDLE_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "mneedle_desktop", "--data-dir", str(data_dir), "screen", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("example", "outcome", "eligible_from", "first_line"),
    [
        ("suitable.json", "suitable", None, "Decision: Suitable"),
        (
            "suitable-with-precautions.json",
            "suitable_with_precautions",
            None,
            "Decision: Suitable with precautions",
        ),
        (
            "defer-isotretinoin.json",
            "defer",
            "2027-03-25",
            "Decision: Not now: eligible from 25 March 2027",
        ),
        (
            "defer-surgical-scar.json",
            "defer",
            "2026-12-09",
            "Decision: Not now: eligible from 9 December 2026",
        ),
        ("not-suitable-keloid.json", "not_suitable", None, "Decision: Not suitable"),
    ],
)
def test_examples_give_their_decision(
    tmp_path: Path, example: str, outcome: str, eligible_from: str | None, first_line: str
) -> None:
    text = screen(str(EXAMPLES / example), data_dir=tmp_path)
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0] == first_line
    result = screen(str(EXAMPLES / example), "--format", "json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["outcome"] == outcome
    assert report["eligible_from"] == eligible_from
    assert report["complete"] is True
    assert report["content_version"]
    for reason in report["reasons"]:
        assert reason["rule_id"]
        assert reason["source"]
        assert reason["client_text"]


def test_json_report_has_plan_scales_and_fitzpatrick(tmp_path: Path) -> None:
    result = screen(str(EXAMPLES / "suitable.json"), "--format", "json", data_dir=tmp_path)
    report = json.loads(result.stdout)
    assert report["fitzpatrick"] == {"type": 2, "roman": "II", "method": "quiz", "score": 10}
    assert report["scales"][0]["goodman_baron_quantitative"] == 6
    assert report["plan"]["sessions"] == 4
    assert report["plan"]["areas"][0]["recommended_mm"] == {"min": 1.0, "max": 2.0}
    assert next(s["id"] for s in report["aftercare"]["sections"]) == "first_24_hours"


def test_on_date_changes_the_decision(tmp_path: Path) -> None:
    path = str(EXAMPLES / "defer-isotretinoin.json")
    later = json.loads(
        screen(path, "--on", "2027-03-25", "--format", "json", data_dir=tmp_path).stdout
    )
    assert later["outcome"] == "suitable"
    assert later["evaluated_on"] == "2027-03-25"


def test_invalid_record_exits_2_pointing_at_the_field(tmp_path: Path) -> None:
    record = json.loads((EXAMPLES / "defer-isotretinoin.json").read_text(encoding="utf-8"))
    record["medical_history"]["isotretinoin"]["last_dose"] = "2027-01-01"
    record["areas"][0]["area"] = "elbow"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = screen(str(path), data_dir=tmp_path)
    assert result.returncode == 2
    assert "medical_history.isotretinoin.last_dose: date is in the future" in result.stderr
    assert "areas[0].area: is not a known area: 'elbow'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [b"", b"{", b"[1, 2]", b"\xff\xfe"])
def test_not_a_record_exits_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    result = screen(str(path), data_dir=tmp_path)
    assert result.returncode == 2
    assert "is not a valid consultation record" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_and_bad_date_exit_2(tmp_path: Path) -> None:
    assert screen(str(tmp_path / "nope.json"), data_dir=tmp_path).returncode == 2
    bad = screen(str(EXAMPLES / "suitable.json"), "--on", "2026-02-30", data_dir=tmp_path)
    assert bad.returncode == 2
    assert "YYYY-MM-DD" in bad.stderr


def test_clinic_override_in_the_data_folder_is_applied(tmp_path: Path) -> None:
    (tmp_path / "clinical-overrides.toml").write_text(
        "[rules.isotretinoin]\ninterval = { months = 1 }\n", encoding="utf-8"
    )
    report = json.loads(
        screen(
            str(EXAMPLES / "defer-isotretinoin.json"), "--format", "json", data_dir=tmp_path
        ).stdout
    )
    assert report["outcome"] == "suitable"
    assert "+clinic." in report["content_version"]


def test_bad_override_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "clinical-overrides.toml").write_text(
        "[rules.isotretinoin]\ninterval = { months = -1 }\n", encoding="utf-8"
    )
    result = screen(str(EXAMPLES / "suitable.json"), data_dir=tmp_path)
    assert result.returncode == 1
    assert "clinical-overrides.toml, line 2: rules.isotretinoin.interval.months" in result.stderr


def test_on_before_the_consultation_is_refused(tmp_path: Path) -> None:
    result = screen(str(EXAMPLES / "suitable.json"), "--on", "2026-01-01", data_dir=tmp_path)
    assert result.returncode == 2
    assert "--on: 2026-01-01 is before the consultation date 2026-11-25" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe[rules]", "is not UTF-8 text"),
        (
            b"[rules.isotretinoin]\ninterval = { months = 100000 }\n",
            "rules.isotretinoin.interval.months: is more than the 120 months allowed",
        ),
        (
            b'[rules.isotretinoin]\nclient_text = "Wait {weeks}"\n',
            "may use {interval} and no other {placeholder}",
        ),
    ],
)
def test_unusable_override_files_are_reported(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "clinical-overrides.toml").write_bytes(content)
    result = screen(str(EXAMPLES / "suitable.json"), data_dir=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_override_interval_changes_the_words_too(tmp_path: Path) -> None:
    (tmp_path / "clinical-overrides.toml").write_text(
        "[rules.isotretinoin]\ninterval = { months = 9 }\n", encoding="utf-8"
    )
    report = json.loads(
        screen(
            str(EXAMPLES / "defer-isotretinoin.json"), "--format", "json", data_dir=tmp_path
        ).stdout
    )
    [reason] = report["reasons"]
    assert "9 months" in reason["client_text"]
    assert report["eligible_from"] == "2027-06-25"


def render(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MNEEDLE_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "mneedle_desktop", "--data-dir", str(data_dir), "render", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_render_makes_a_pdf_of_every_example(tmp_path: Path, example: str) -> None:
    out = tmp_path / "out.pdf"
    result = render(str(EXAMPLES / example), "-o", str(out), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    again = tmp_path / "again.pdf"
    render(str(EXAMPLES / example), "-o", str(again), data_dir=tmp_path)
    assert again.read_bytes() == out.read_bytes()


def test_render_refuses_invalid_records_and_misused_letter(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = render(str(bad), "-o", str(tmp_path / "x.pdf"), data_dir=tmp_path)
    assert result.returncode == 2
    assert "format: should be 'mneedle-consultation'" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
    letter = render(
        str(EXAMPLES / "suitable.json"),
        "-o",
        str(tmp_path / "y.pdf"),
        "--letter",
        data_dir=tmp_path,
    )
    assert letter.returncode == 2
    assert "--letter is for a deferral" in letter.stderr
