"""``backup``, ``restore`` and ``check`` as a user runs them: separate processes."""

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.paths import APP_LOCK_FILENAME
from mneedle_desktop.services.container import AppServices
from tests.conftest import CLINIC, FAST_KDF, OWNER, OWNER_PASSWORD
from tests.damage import PAGE, flip
from tests.services.test_backups import ADA
from tests.services.test_clients import ZOE
from tests.test_command_line import run


def set_up(data: Path) -> None:
    data.mkdir(mode=0o700)
    services = AppServices.open(data / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    try:
        services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
        services.clients.add(ZOE)
    finally:
        services.close()


def add_client(data: Path) -> None:
    services = AppServices.open(data / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    try:
        services.accounts.sign_in("amira", OWNER_PASSWORD)
        services.clients.add(ADA)
    finally:
        services.close()


def client_names(data: Path) -> list[str]:
    services = AppServices.open(data / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    try:
        services.accounts.sign_in("amira", OWNER_PASSWORD)
        return sorted(r.given_name for r in services.clients.summaries())
    finally:
        services.close()


def test_backup_then_restore_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    set_up(data)
    usb = tmp_path / "usb stick"

    made = run("--data-dir", str(data), "backup", "--to", str(usb))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("OK: backed up to")
    assert "1 client(s)" in made.stdout
    [backup] = usb.glob("*.sqlite3")
    manifest = json.loads(backup.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["sha256"] == hashlib.sha256(backup.read_bytes()).hexdigest()

    add_client(data)
    assert client_names(data) == ["Ada", "Zoë"]

    refused = run("--data-dir", str(data), "restore", str(backup))  # no terminal, no --yes
    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    assert client_names(data) == ["Ada", "Zoë"]

    restored = run("--data-dir", str(data), "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "1 client(s)" in restored.stdout  # what was restored is shown first
    assert "kept at" in restored.stdout
    assert client_names(data) == ["Zoë"]
    [aside] = (data / "set-aside").glob("*.sqlite3")
    assert aside.stat().st_size > 0
    checked = run("--data-dir", str(data), "check")
    assert checked.returncode == 0, checked.stdout


def test_backup_into_the_data_folder_and_check_points_at_it_when_damaged(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    set_up(data)
    assert run("--data-dir", str(data), "backup").returncode == 0
    [backup] = (data / "backups").glob("*.sqlite3")
    database = data / "mneedle.sqlite3"
    damaged = flip(database, 2 * PAGE, -PAGE, 0x3C)

    checked = run("--data-dir", str(data), "check")

    assert checked.returncode == 1
    assert checked.stdout.startswith("PROBLEM:")
    assert "damaged" in checked.stdout
    assert f'restore "{backup}"' in checked.stdout
    assert f'--data-dir "{data}"' in checked.stdout
    assert database.read_bytes() == damaged  # check never writes

    restored = run("--data-dir", str(data), "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert client_names(data) == ["Zoë"]
    [aside] = (data / "set-aside").glob("*.sqlite3")
    assert aside.read_bytes() == damaged


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    set_up(data)
    before = (data / "mneedle.sqlite3").read_bytes()
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("shopping list\n")

    result = run("--data-dir", str(data), "restore", str(notes), "--yes")

    assert result.returncode == 1
    assert "not a MNeedle Desktop backup" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert (data / "mneedle.sqlite3").read_bytes() == before
    missing = run("--data-dir", str(data), "restore", str(tmp_path / "gone.sqlite3"), "--yes")
    assert missing.returncode == 1
    assert "no backup file" in missing.stderr


@pytest.mark.skipif(os.name != "posix", reason="the running program is found by its PID")
def test_restore_waits_for_the_app_to_be_closed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    set_up(data)
    assert run("--data-dir", str(data), "backup").returncode == 0
    [backup] = (data / "backups").glob("*.sqlite3")
    (data / APP_LOCK_FILENAME).write_text(f"{os.getpid()}\nmneedle-desktop\nhost\n")

    result = run("--data-dir", str(data), "restore", str(backup), "--yes")
    assert result.returncode == 1
    assert "Close it" in result.stderr

    (data / APP_LOCK_FILENAME).write_text("999999999\nmneedle-desktop\nhost\n")  # left by a crash
    assert run("--data-dir", str(data), "restore", str(backup), "--yes").returncode == 0


@pytest.mark.skipif(os.name != "posix", reason="closes the standard input before starting")
def test_without_any_standard_input_commands_refuse_instead_of_failing(tmp_path: Path) -> None:
    """A windowed program (the Windows bundle) has no standard input at all: restore asks
    for --yes and a password command says none was given, as on a pipe."""
    data = tmp_path / "data"
    set_up(data)
    usb = tmp_path / "usb"
    assert run("--data-dir", str(data), "backup", "--to", str(usb)).returncode == 0
    [backup] = usb.glob("*.sqlite3")

    def without_stdin(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        return subprocess.run(
            [sys.executable, "-m", "mneedle_desktop", "--data-dir", str(data), *args],
            capture_output=True,
            text=True,
            env=env,
            preexec_fn=lambda: os.close(0),  # the child starts with no standard input
            timeout=120,
            check=False,
        )

    refused = without_stdin("restore", str(backup))
    assert refused.returncode == 2, refused.stderr
    assert "--yes" in refused.stderr
    asked = without_stdin("user", "passwd", "amira", "--as", "amira")
    assert asked.returncode == 2, asked.stderr
    assert "unexpected error" not in asked.stderr


def test_a_backup_can_name_who_made_it_with_their_password(tmp_path: Path) -> None:
    """As the other commands that touch client data: --as and the password on standard
    input sign in first, and the audit trail names them; a wrong password makes none."""
    data = tmp_path / "data"
    set_up(data)
    usb = tmp_path / "usb stick"
    args = ("--data-dir", str(data), "backup", "--to", str(usb), "--as", "amira")
    wrong = run(*args, "--password-stdin", stdin="not the password\n")
    assert wrong.returncode == 1
    assert "PROBLEM" in wrong.stderr
    assert not list(usb.glob("*.sqlite3"))
    half = run(*args)  # --as without the password
    assert half.returncode == 2
    time.sleep(1.2)  # the pause after a wrong password
    made = run(*args, "--password-stdin", stdin=f"{OWNER_PASSWORD}\n")
    assert made.returncode == 0, made.stderr
    assert len(list(usb.glob("*.sqlite3"))) == 1
    services = AppServices.open(data / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    try:
        owner = services.accounts.sign_in("amira", OWNER_PASSWORD)
        with services.store.read() as s:
            [entry] = [e for e in s.audit.entries() if e.action == "backup"]
        assert entry.actor == owner.id
    finally:
        services.close()
