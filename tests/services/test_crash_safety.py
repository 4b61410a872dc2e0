"""Killed at any moment, the program loses nothing it reported as saved.

A writer process (``tests/crash_writer.py``) adds clients, saves drafts, signs consent,
closes deferrals, exports PDFs and backs up, and prints a line after each write returns.
It is killed with SIGKILL at a random moment, again and again on the same data folder;
after each kill the store must pass its full checks and hold every reported write.

``MNEEDLE_CRASH_RUNS`` sets the number of kills (a stress run: a few hundred).
"""

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.services.backups import inspect_backup, list_backups
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.backup_copies import check_copy
from tests.conftest import CLINIC, FAST_KDF, OWNER, OWNER_PASSWORD

RUNS = int(os.environ.get("MNEEDLE_CRASH_RUNS", "12"))
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def run_and_kill(data_dir: Path, seed: int, rng: random.Random) -> list[list[str]]:
    """Start the writer, let it write for a random while, kill it; its reported lines."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_writer", str(data_dir), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    ready = writer.stdout.readline()
    assert ready.strip() == "ready", writer.stderr.read() if writer.stderr else ""
    time.sleep(rng.uniform(0.0, 0.6))
    writer.send_signal(signal.SIGKILL)
    out, err = writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL, err  # it was still writing: no crash of its own
    # Only whole lines were reported: the text after the last newline was cut by the kill.
    return [line.split() for line in out.split("\n")[:-1]]


def check_everything_reported_is_there(data_dir: Path, reported: list[list[str]]) -> None:
    services = AppServices.open(data_dir / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    try:
        health = services.health()  # integrity_check, foreign_key_check, audit chain
        assert health.ok, health
        services.accounts.sign_in("amira", OWNER_PASSWORD)
        clients = {r.id for r in services.clients.summaries()}
        drafts = {d.id for d in services.consultations.drafts()}
        for kind, *args in reported:
            if kind == "client":
                assert args[0] in clients
            elif kind == "draft":
                consultation_id, edits = args[0], int(args[1])
                assert consultation_id in drafts
                draft = services.consultations.open(consultation_id)  # restorable
                stored = int(draft.record.skin_notes.split()[-1])
                assert stored >= edits  # a later edit may have committed before the kill
            elif kind == "signed":
                signed = services.consultations.open(args[0])
                assert not signed.editable
                assert signed.record_hash == args[1]
            elif kind == "export":
                assert services.consultations.pdf_hash(args[0]) is not None
    finally:
        services.close()


def check_files(data_dir: Path, reported: list[list[str]]) -> None:
    """Exported PDFs and backups with their final names are whole; the latest export of
    each record is exactly what was reported."""
    latest = {args[0]: args[1] for kind, *args in reported if kind == "export"}
    for record_id, digest in latest.items():
        pdf = (data_dir / "exports" / f"{record_id}.pdf").read_bytes()
        assert hashlib.sha256(pdf).hexdigest() == digest
    for pdf_path in (data_dir / "exports").glob("*.pdf"):
        data = pdf_path.read_bytes()
        assert data.startswith(b"%PDF-")
        assert data.rstrip().endswith(b"%%EOF")
    backups = data_dir / "backups"
    made = [args[0] for kind, *args in reported if kind == "backup"]
    if made:  # older ones may have been rotated away since
        inspect_backup(Path(made[-1]))
    for described in list_backups(backups):
        inspect_backup(described.path)
    for copy in backups.glob("*.sqlite3") if backups.is_dir() else ():
        check_copy(copy)  # even one killed before its manifest was written is whole


@pytest.fixture
def crash_data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    services = AppServices.open(data / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    try:
        services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    finally:
        services.close()
    return data


def test_killed_writers_lose_nothing_they_reported_as_saved(crash_data_dir: Path) -> None:
    rng = random.Random(20261125)
    total = 0
    for run in range(RUNS):
        reported = run_and_kill(crash_data_dir, run, rng)
        total += len(reported)
        check_everything_reported_is_there(crash_data_dir, reported)
        check_files(crash_data_dir, reported)
    assert total > RUNS  # the writer did write between kills
