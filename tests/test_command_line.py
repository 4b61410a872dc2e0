"""The program as a user starts it: a separate process, its exit code and what it prints."""

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mneedle_desktop import __version__
from mneedle_desktop.domain.clients import ClientDetails
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.paths import DATA_DIR_ENV
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.database import APPLICATION_ID
from mneedle_desktop.storage.migrations import LATEST_VERSION
from tests.conftest import CLINIC, FAST_KDF, OWNER, OWNER_PASSWORD


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}
    full_env.update({"QT_QPA_PLATFORM": "offscreen", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "mneedle_desktop", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"MNeedle Desktop {__version__}"


def test_check_on_a_fresh_data_dir_creates_a_healthy_private_store(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    result = run("--data-dir", str(data), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK:")
    assert f"schema {LATEST_VERSION}" in result.stdout
    assert (data / "mneedle.sqlite3").is_file()
    if os.name == "posix":
        assert (data.stat().st_mode & 0o777) == 0o700


def test_data_dir_may_follow_the_command(tmp_path: Path) -> None:
    result = run("check", "--data-dir", str(tmp_path / "after"))
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "after") in result.stdout


def test_data_dir_from_environment(tmp_path: Path) -> None:
    data = tmp_path / "env-data"
    result = run("check", env={DATA_DIR_ENV: str(data)})
    assert result.returncode == 0
    assert str(data) in result.stdout


def test_check_refuses_a_newer_database_without_touching_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "mneedle.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE later (x)")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    result = run("--data-dir", str(data), "check")
    assert result.returncode == 1
    assert "newer version" in result.stdout
    assert str(db) in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert db.read_bytes() == before


def test_check_reports_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "mneedle.sqlite3").write_bytes(b"PK\x03\x04 a zip file")
    result = run("--data-dir", str(data), "check")
    assert result.returncode == 1
    assert "not a MNeedle Desktop database" in result.stdout
    assert (data / "mneedle.sqlite3").read_bytes() == b"PK\x03\x04 a zip file"


def test_check_names_the_first_tampered_audit_entry(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    services = AppServices.open(data / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    for n in range(3):
        services.clients.add(ClientDetails(f"Family{n}", "Given", date(1980, 1, 1 + n)))
    services.close()
    conn = sqlite3.connect(data / "mneedle.sqlite3")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    conn.commit()
    conn.close()
    result = run("--data-dir", str(data), "check")
    assert result.returncode == 1
    assert "audit log" in result.stdout
    assert "entry 4" in result.stdout


def test_unusable_data_dir_is_a_plain_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for args in (["check"], ["--exit-when-ready"]):
        result = run("--data-dir", str(blocker / "data"), *args)
        assert result.returncode == 1
        output = result.stdout + result.stderr
        assert "cannot be used" in output
        assert str(blocker / "data") in output
        assert "Traceback" not in output


def test_gui_refuses_a_foreign_database_with_a_message(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "mneedle.sqlite3").write_text("hello")
    result = run("--data-dir", str(data), "--exit-when-ready")
    assert result.returncode == 1
    assert "not a MNeedle Desktop database" in result.stderr
    assert "Traceback" not in result.stderr
    assert (data / "mneedle.sqlite3").read_text() == "hello"


@pytest.mark.gui
def test_exit_when_ready_on_a_fresh_and_on_a_set_up_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fresh = run("--data-dir", str(data), "--exit-when-ready")
    assert fresh.returncode == 0, fresh.stderr
    assert (data / "mneedle.sqlite3").is_file()

    services = AppServices.open(data / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    services.clients.add(ClientDetails("Ørsted-Łukasiewicz", "Zoë", date(1990, 5, 12)))
    services.close()
    ready = run("--data-dir", str(data), "--exit-when-ready")
    assert ready.returncode == 0, ready.stderr
    assert ready.stdout.splitlines() == ["ready"]
    log = (data / "logs" / "mneedle-desktop.log").read_text(encoding="utf-8")
    for secret in ("Zoë", "Zoe", "Ørsted", "1990-05-12"):
        assert secret not in log
    if os.name == "posix":
        for path in [data / "logs", *(data / "logs").iterdir()]:
            assert path.stat().st_mode & 0o077 == 0, f"{path.name} is readable by others"


def test_init_creates_the_owner_and_prints_the_recovery_key_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run(
        "--data-dir",
        str(data),
        "init",
        "--owner-name",
        "Amira Khan",
        "--clinic-name",
        "Calm Skin",
        "--clinic-phone",
        "0113 496 0000",
        "--password-stdin",
        stdin="a long pass phrase\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Owner account 'amira' created." in result.stdout
    key = result.stdout.strip().splitlines()[-1]
    assert len(key.replace("-", "")) == 55
    again = run(
        "--data-dir",
        str(data),
        "init",
        "--owner-name",
        "Other Person",
        "--password-stdin",
        stdin="a long pass phrase\n",
    )
    assert again.returncode == 1
    assert "already has an owner" in again.stderr
    assert key not in (data / "logs" / "mneedle-desktop.log").read_text()


def test_passwords_are_never_arguments(tmp_path: Path) -> None:
    result = run(
        "--data-dir", str(tmp_path), "init", "--owner-name", "A B", "--password-stdin", stdin=""
    )
    assert result.returncode == 2
    assert "standard input" in result.stderr


def test_user_add_disable_enable_and_passwd(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    owner = "owner pass phrase"
    assert (
        run(
            "--data-dir",
            data,
            "init",
            "--owner-name",
            "Amira Khan",
            "--password-stdin",
            stdin=owner + "\n",
        ).returncode
        == 0
    )
    add = run(
        "--data-dir",
        data,
        "user",
        "add",
        "--as",
        "amira",
        "--name",
        "Ben Ode",
        "--username",
        "ben",
        "--profession",
        "Doctor",
        "--registration",
        "GMC 1",
        "--password-stdin",
        stdin=f"{owner}\nbright pass phrase\n",
    )
    assert add.returncode == 0, add.stderr
    wrong = run(
        "--data-dir",
        data,
        "user",
        "disable",
        "ben",
        "--as",
        "amira",
        "--password-stdin",
        stdin="not the owner password\n",
    )
    assert wrong.returncode == 1
    assert "not right" in wrong.stderr
    passwd = run(
        "--data-dir",
        data,
        "user",
        "passwd",
        "ben",
        "--password-stdin",
        stdin="bright pass phrase\nbright new phrase 2\n",
    )
    assert passwd.returncode == 0, passwd.stderr
    import time

    time.sleep(1.1)  # the wrong owner password above made the owner wait a second
    disable = run(
        "--data-dir",
        data,
        "user",
        "disable",
        "ben",
        "--as",
        "amira",
        "--password-stdin",
        stdin=owner + "\n",
    )
    assert disable.returncode == 0, disable.stderr
    blocked = run(
        "--data-dir",
        data,
        "user",
        "passwd",
        "ben",
        "--password-stdin",
        stdin="bright new phrase 2\nanother phrase 3\n",
    )
    assert blocked.returncode == 1
    assert "disabled" in blocked.stderr
    enable = run(
        "--data-dir",
        data,
        "user",
        "enable",
        "ben",
        "--as",
        "amira",
        "--password-stdin",
        stdin=f"{owner}\nbright third phrase\n",
    )
    assert enable.returncode == 0, enable.stderr
    check = run("--data-dir", data, "check")
    assert check.returncode == 0
    assert "audit chain" in check.stdout


@pytest.mark.gui
def test_a_second_copy_on_the_same_data_folder_is_refused(tmp_path: Path) -> None:
    from PySide6.QtCore import QLockFile

    from mneedle_desktop.ui.application import LOCK_FILENAME

    data = tmp_path / "data"
    assert run("--data-dir", str(data), "check").returncode == 0
    held = QLockFile(str(data / LOCK_FILENAME))
    assert held.tryLock(0)
    try:
        second = run("--data-dir", str(data), "--exit-when-ready")
    finally:
        held.unlock()
    assert second.returncode == 1
    assert "already open" in second.stderr
    assert run("--data-dir", str(data), "--exit-when-ready").returncode == 0


def test_init_derives_a_plain_user_name_from_an_accented_name(tmp_path: Path) -> None:
    result = run(
        "--data-dir",
        str(tmp_path / "d"),
        "init",
        "--owner-name",
        "Élodie Marchand",
        "--password-stdin",
        stdin="a long pass phrase\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Owner account 'elodie' created." in result.stdout


@pytest.mark.gui
def test_start_up_loads_nothing_the_first_window_does_not_need(tmp_path: Path) -> None:
    """Up to the first window: no PDF library, no clinical content, no wizard or main
    window, no client or consultation rows, no account service, audit trail or security
    module, no backup, restore or health-check code, no icons drawn in Python (the app's
    own is Qt's to draw), no password key derived (scrypt runs
    only when someone signs in), and not PySide6's ``Qt`` namespace (15 to 17 ms to build;
    only where this PySide6 builds it on first use, as 6.8 and later do)."""
    code = (
        "import hashlib, json, sys\n"
        "import PySide6.QtCore as qt_core\n"
        "on_first_use = 'Qt' not in vars(qt_core)\n"
        "calls = []\n"
        "real = hashlib.scrypt\n"
        "hashlib.scrypt = lambda *a, **k: (calls.append(1), real(*a, **k))[1]\n"
        "from mneedle_desktop.app import main\n"
        f"code = main(['--data-dir', {str(tmp_path / 'data')!r}, '--exit-when-ready'])\n"
        "watched = ('reportlab', 'mneedle_desktop.domain.catalogue', "
        "'mneedle_desktop.domain.screening', 'mneedle_desktop.ui.main_window', "
        "'mneedle_desktop.ui.wizard', 'mneedle_desktop.export', "
        "'mneedle_desktop.domain.clients', 'mneedle_desktop.storage.client_rows', "
        "'mneedle_desktop.storage.consultation_rows', 'mneedle_desktop.ui.idle_monitor', "
        "'mneedle_desktop.services.backups', 'mneedle_desktop.services.erasure', "
        "'mneedle_desktop.services.accounts', 'mneedle_desktop.domain.audit', "
        "'mneedle_desktop.security', 'mneedle_desktop.storage.backup_copies', "
        "'mneedle_desktop.storage.replacement', 'mneedle_desktop.storage.health_report', "
        "'mneedle_desktop.ui.icons', "
        "'mneedle_desktop.ui.first_run_dialog', 'mneedle_desktop.ui.sign_in_dialog')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(watched))\n"
        "built = on_first_use and 'Qt' in vars(qt_core)\n"
        "print(json.dumps({'code': code, 'loaded': loaded, 'scrypt': len(calls), "
        "'qt_namespace_built': built}))\n"
    )
    # A new store, then one with an owner: each loads the window it shows, not the other.
    for window in ("first_run_dialog", "sign_in_dialog"):
        if window == "sign_in_dialog":
            owner = ("init", "--owner-name", "Amira Khan", "--password-stdin")
            made = run("--data-dir", str(tmp_path / "data"), *owner, stdin="a long pass phrase\n")
            assert made.returncode == 0, made.stderr
        report = python_report(code)
        assert report == {
            "code": 0,
            "loaded": [f"mneedle_desktop.ui.{window}"],
            "scrypt": 0,
            "qt_namespace_built": False,
        }


def python_report(code: str) -> object:
    """Run ``code`` in a fresh Python, offscreen; the JSON its last line prints."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.gui
def test_the_cycle_collector_is_back_on_once_the_window_is_up_or_a_command_runs(
    tmp_path: Path,
) -> None:
    """It is off while the program starts (see launch.py); a session of hours, or a
    command filling a store, needs it on."""
    code = (
        "import gc, json, sys\n"
        "from mneedle_desktop import cli\n"
        "from mneedle_desktop.launch import main\n"
        "from mneedle_desktop.ui import application\n"
        "seen = {}\n"
        "ready, command = application._ready_and_exit, cli.run_command\n"
        "def at_ready(app):\n"
        "    seen['window'] = gc.isenabled()\n"
        "    ready(app)\n"
        "def at_command(*a):\n"
        "    seen['command'] = gc.isenabled()\n"
        "    return command(*a)\n"
        "application._ready_and_exit, cli.run_command = at_ready, at_command\n"
        f"data = {str(tmp_path / 'data')!r}\n"
        "codes = [main(['--data-dir', data, '--exit-when-ready']), "
        "main(['--data-dir', data, 'check'])]\n"
        "print(json.dumps({'codes': codes, **seen}))\n"
    )
    assert python_report(code) == {"codes": [0, 0], "window": True, "command": True}


@pytest.mark.gui
def test_a_long_session_of_qt_calls_does_not_free_none() -> None:
    """PySide6 6.12 on Python 3.11 gives up a reference to None at each Qt call returning
    nothing; without the app's guard (ui/none_guard.py) these 100,000 calls stop Python with
    "deallocating None", while running or at exit. The guard tops None up each second,
    here between the bursts."""
    code = (
        "import json\n"
        "from PySide6.QtCore import QEventLoop, QTimer\n"
        "from PySide6.QtWidgets import QLineEdit\n"
        "from mneedle_desktop.ui.application import application\n"
        "app = application()\n"
        "field = QLineEdit()\n"
        "for _ in range(4):\n"
        "    wait = QEventLoop()\n"
        "    QTimer.singleShot(1_100, wait.quit)\n"
        "    wait.exec()\n"
        "    for _ in range(25_000):\n"
        "        field.setText('x')\n"
        "print(json.dumps('survived'))\n"
    )
    assert python_report(code) == "survived"
