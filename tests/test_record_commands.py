"""``export`` and ``import`` as a user runs them: separate processes."""

import json
from pathlib import Path

from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.services.container import AppServices
from tests.conftest import CLINIC, FAST_KDF, OWNER, OWNER_PASSWORD
from tests.services.test_client_records import fill_client
from tests.test_command_line import run


def new_store(data: Path) -> AppServices:
    data.mkdir(mode=0o700)
    services = AppServices.open(data / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    return services


def test_export_then_import_into_another_data_folder(tmp_path: Path) -> None:
    first = new_store(tmp_path / "first")
    try:
        client_id = fill_client(first).id
    finally:
        first.close()
    new_store(tmp_path / "second").close()
    out = tmp_path / "handover.zip"
    password = OWNER_PASSWORD + "\n"

    exported = run(
        "--data-dir", str(tmp_path / "first"), "export", "--client", client_id, "-o", str(out),
        "--as", "amira", "--password-stdin", stdin=password,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert "3 consultation(s) and 2 signed document(s)" in exported.stdout

    imported = run(
        "--data-dir", str(tmp_path / "second"), "import", str(out), "--as", "amira",
        "--password-stdin", stdin=password,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert "1 client(s) and 3 consultation(s) added" in imported.stdout
    again = run(
        "--data-dir", str(tmp_path / "second"), "import", str(out), "--as", "amira",
        "--password-stdin", stdin=password,
    )  # fmt: skip
    assert "0 client(s) and 0 consultation(s) added; 1 client(s) and 3 consultation(s) were" in (
        again.stdout
    )


def test_import_of_a_bad_record_file_changes_nothing_and_says_why(tmp_path: Path) -> None:
    new_store(tmp_path / "data").close()
    bad = tmp_path / "record.json"
    bad.write_text(json.dumps({"format": "mneedle-consultation", "format_version": 2}))
    result = run(
        "--data-dir", str(tmp_path / "data"), "import", str(bad), "--as", "amira",
        "--password-stdin", stdin=OWNER_PASSWORD + "\n",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("PROBLEM: Nothing was imported.")
    assert "record.json" in result.stderr
