"""The store: the database file, its device identity, and transactions bound to row classes."""

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mneedle_desktop.domain.clock import Clock, utc_timestamp
from mneedle_desktop.domain.ids import DeviceId, new_uuid
from mneedle_desktop.storage.database import Database, open_database
from mneedle_desktop.storage.erasure_rows import ErasureRows
from mneedle_desktop.storage.meta_rows import MetaRows
from mneedle_desktop.storage.migrations import LATEST_VERSION
from mneedle_desktop.storage.restore_marker import interrupted_restore

# Backups, restores and the health check load when used, not at start-up.
if TYPE_CHECKING:
    from mneedle_desktop.domain.audit import AuditEvent
    from mneedle_desktop.security.cipher import FieldCipher
    from mneedle_desktop.storage.account_rows import AccountRows
    from mneedle_desktop.storage.audit_rows import AuditRows
    from mneedle_desktop.storage.backup_copies import CopyFacts
    from mneedle_desktop.storage.client_rows import ClientRows
    from mneedle_desktop.storage.clinic_rows import ClinicRows
    from mneedle_desktop.storage.consultation_rows import ConsultationRows
    from mneedle_desktop.storage.document_rows import DocumentRows
    from mneedle_desktop.storage.health_report import HealthReport
    from mneedle_desktop.storage.replacement import RestoreOutcome

log = logging.getLogger(__name__)

DATABASE_FILENAME = "mneedle.sqlite3"


class Session:
    """The row classes of one transaction, plus the time and device every write is stamped
    with. Obtain one from ``Store.write()`` or ``Store.read()``."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        cipher: "FieldCipher | None",
        *,
        at: str,
        device_id: DeviceId,
    ) -> None:
        self.at = at
        self.device_id = device_id
        self._conn = conn
        self._cipher = cipher
        self.erasure = ErasureRows(conn)
        self.meta = MetaRows(conn)

    # The other rows are made (and their modules loaded) on first use: the first window
    # needs the clinic's and the accounts' rows only, and the audit trail, the clients and
    # the consultations not at all.
    @cached_property
    def clinic(self) -> "ClinicRows":
        from mneedle_desktop.storage.clinic_rows import ClinicRows

        return ClinicRows(self._conn)

    @cached_property
    def accounts(self) -> "AccountRows":
        from mneedle_desktop.storage.account_rows import AccountRows

        return AccountRows(self._conn)

    @cached_property
    def audit(self) -> "AuditRows":
        from mneedle_desktop.storage.audit_rows import AuditRows

        return AuditRows(self._conn)

    @cached_property
    def clients(self) -> "ClientRows":
        from mneedle_desktop.storage.client_rows import ClientRows

        return ClientRows(self._conn, self._cipher)

    @cached_property
    def consultations(self) -> "ConsultationRows":
        from mneedle_desktop.storage.consultation_rows import ConsultationRows

        return ConsultationRows(self._conn, self._cipher)

    @cached_property
    def documents(self) -> "DocumentRows":
        from mneedle_desktop.storage.document_rows import DocumentRows

        return DocumentRows(self._conn, self._cipher)

    def record(self, event: "AuditEvent") -> None:
        """Append ``event`` to the audit log in this same transaction."""
        self.audit.append(event, at=self.at, device_id=self.device_id)


class Store:
    def __init__(self, db: Database, clock: Clock, device_id: DeviceId) -> None:
        self._db = db
        self._clock = clock
        self.device_id = device_id
        self._cipher: FieldCipher | None = None
        self._changes_before = 0  # changes made through connections since closed

    @property
    def unlocked(self) -> bool:
        return self._cipher is not None

    def unlock(self, data_key: bytes) -> None:
        """Hold the clinic data key: client data can be read and written."""
        from mneedle_desktop.security.cipher import FieldCipher  # loaded at sign-in

        self._cipher = FieldCipher(data_key)

    def lock(self) -> None:
        """Forget the data key; client data cannot be read until the next unlock."""
        self._cipher = None

    @classmethod
    def open(cls, path: Path, clock: Clock, *, check_later: bool = False) -> "Store":
        """Open the store; see ``open_database`` for ``check_later``."""
        interrupted = interrupted_restore(path)
        if interrupted is not None:
            raise interrupted
        db = open_database(path, check_later=check_later)
        try:
            device_id = _ensure_device_id(db)
        except BaseException:
            db.close()
            raise
        log.info("store opened, schema %d", LATEST_VERSION)
        return cls(db, clock, device_id)

    @property
    def path(self) -> Path:
        return self._db.path

    def start_background_check(self) -> None:
        """Start the whole-file check that ``open(check_later=True)`` left for later."""
        self._db.start_check()

    @property
    def background_check_failed(self) -> bool:
        return self._db.background_check_failed

    @property
    def background_check_done(self) -> bool:
        return self._db.background_check_done

    @property
    def background_check_passed(self) -> bool:
        return self._db.background_check_passed

    @property
    def schema_version(self) -> int:
        return int(str(self._db.pragma("user_version")))

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One use case's writes: all committed together, or none."""
        at = utc_timestamp(self._clock.now())
        with self._db.transaction(write=True) as conn:
            yield Session(conn, self._cipher, at=at, device_id=self.device_id)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent snapshot for reading."""
        at = utc_timestamp(self._clock.now())
        with self._db.transaction(write=False) as conn:
            yield Session(conn, self._cipher, at=at, device_id=self.device_id)

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and empty it, so old page
        versions (say, values since encrypted) do not linger in the log."""
        self._db.pragma("wal_checkpoint(TRUNCATE)")

    def health(self) -> "HealthReport":
        from mneedle_desktop.domain.audit import ChainVerdict, verify_chain
        from mneedle_desktop.storage.health_report import HealthReport

        problems = tuple(self._db.integrity_problems())
        if problems:
            return HealthReport(self.path, self.schema_version, problems, 0, ChainVerdict(0, None))
        with self.read() as s:
            clients = s.clients.count()
            entries = s.audit.entries()
            head = s.audit.head()
            protected = s.audit.protected()
        verdict = verify_chain(entries)
        audit_problems = []
        last = (entries[-1].seq, entries[-1].hash) if entries else None
        if head != last:
            audit_problems.append(
                "its newest entries were removed or replaced (the chain ends at entry "
                f"{last[0] if last else 0}, but entry {head[0] if head else 0} was written)"
            )
        if not protected:
            audit_problems.append("the protection against editing it was removed")
        return HealthReport(
            self.path, self.schema_version, problems, clients, verdict, tuple(audit_problems)
        )

    @property
    def change_count(self) -> int:
        """Rows this program has changed since it opened the store (grows, never resets)."""
        return self._changes_before + self._db.total_changes

    def back_up_to(self, target: Path) -> "CopyFacts":
        """A checked copy of the whole store at ``target`` (see ``copy_database``)."""
        from mneedle_desktop.storage.backup_copies import copy_database

        return copy_database(self._db, target)

    def replace_with(self, backup: Path, set_aside_dir: Path, label: str) -> "RestoreOutcome":
        """Put a checked copy of ``backup`` in place of this store's database, keeping the
        current file in ``set_aside_dir``, and reopen. The data key is forgotten: the
        restored store is unlocked with the passwords it had when it was backed up.
        On a ``BackupError`` the current database stays in place and open."""
        from mneedle_desktop.storage.replacement import restore_database

        path = self._db.path
        self._changes_before = self.change_count
        self._db.close()
        try:
            outcome = restore_database(path, backup, set_aside_dir, label)
        except BaseException:
            self._db = open_database(path)  # the database that was there, unchanged
            raise
        self._cipher = None
        self._db = open_database(path)
        self.device_id = _ensure_device_id(self._db)
        return outcome

    def close(self) -> None:
        self._db.close()


def _ensure_device_id(db: Database) -> DeviceId:
    with db.transaction(write=False) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    if row is not None:
        return DeviceId(str(row[0]))
    with db.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?)", (new_uuid(),)
        )
        row = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    return DeviceId(str(row[0]))
