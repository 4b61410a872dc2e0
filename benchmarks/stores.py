"""The stores measured: an empty one, and one filled by ``demo-data`` with N clients.
Filled stores are kept in the work folder and reused by later runs with the same N and
seed."""

import hashlib
import shutil
from pathlib import Path

from mneedle_desktop.cli.demo_command import DEMO_CLINIC, DEMO_OWNER, DEMO_USERNAME
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.migrations import LATEST_VERSION, MIGRATIONS

PASSWORD = "violet harbour lantern 42"


def empty_store(work: Path) -> Path:
    folder = work / "empty"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    AppServices.open(folder / "mneedle.sqlite3", SystemClock()).close()
    return folder


def filled_store(work: Path, clients: int, seed: int) -> Path:
    folder = work / f"clients-{clients}-seed-{seed}-schema-{LATEST_VERSION}-{_schema_digest()}"
    ready = folder / "ready"
    if ready.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    services = AppServices.open(folder / "mneedle.sqlite3", SystemClock())
    try:
        services.accounts.create_owner(DEMO_CLINIC, DEMO_OWNER, DEMO_USERNAME, PASSWORD)
        services.demo_data.fill(clients, seed)
    finally:
        services.accounts.sign_out()
        services.close()
    ready.write_text("ok\n")
    return folder


def _schema_digest() -> str:
    """A short digest of every migration's statements: a store made before a migration was
    amended (an index added to an unreleased schema, say) is made again, not measured."""
    text = "\n".join(s for m in MIGRATIONS for s in m.statements)
    return hashlib.sha256(text.encode()).hexdigest()[:8]
