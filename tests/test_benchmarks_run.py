"""The benchmark suite still runs (a few clients, few repeats). Its figures are not judged
here: benchmarks are not tests, and nothing in the suite asserts a time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_benchmarks(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
        check=False,
    )


@pytest.mark.gui
@pytest.mark.skipif(os.name != "posix", reason="start-up is measured with posix_spawn")
def test_the_quick_benchmark_run_produces_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = run_benchmarks("benchmarks", "--quick", "--work", str(tmp_path), "--out", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    names = {f["name"] for f in report["figures"]}
    for expected in (
        "start-up: bare PySide6 window",
        "start-up: empty store",
        "start-up: 200 clients",
        "peak memory: 200 clients",
        "search: one keystroke",
        "history: open a client's",
        "wizard: turn a page",
        "wizard: autosave",
        "signing (with its PDF)",
        "PDF: a long consultation",
        "backup: the whole store",
        "check: the whole store",
    ):
        assert expected in names
    assert all(f["n"] >= 1 and f["median"] > 0 for f in report["figures"])
    assert "| search: one keystroke |" in result.stdout  # the table


@pytest.mark.gui
def test_the_start_up_phases_run_on_a_new_store(tmp_path: Path) -> None:
    result = run_benchmarks("benchmarks.phases", str(tmp_path / "data"), "--runs", "1")
    assert result.returncode == 0, result.stderr[-2000:]
    for step in ("the first window built and shown", "painted, idle (ready)", "PySide6"):
        assert f"| {step} |" in result.stdout
