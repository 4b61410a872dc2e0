"""Backing up the store and restoring it: automatic rotated backups in the data folder,
backups to a folder the user picks, and putting a backup back.

Each backup is one checked SQLite file plus a manifest beside it (JSON: time, schema
version, row counts, SHA-256, last audit hash). Neither name nor manifest holds client data.
"""

import json
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from mneedle_desktop import __version__
from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.backup_rotation import DEFAULT_ROTATION, RotationPolicy, backups_to_keep
from mneedle_desktop.domain.clock import Clock, parse_utc_timestamp, utc_timestamp
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.services.accounts import AccountService
from mneedle_desktop.services.acting import SYSTEM_ACTOR, Acting
from mneedle_desktop.services.erasure import carry_erasures, keep_identity_only
from mneedle_desktop.services.files import is_empty_file, write_atomically
from mneedle_desktop.storage.backup_copies import CopyFacts, check_copy, file_sha256
from mneedle_desktop.storage.erasure_rows import erasure_facts_of_file
from mneedle_desktop.storage.errors import BackupError, CorruptDatabaseError
from mneedle_desktop.storage.replacement import restore_database
from mneedle_desktop.storage.store import Store

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
SET_ASIDE_FOLDER = "set-aside"
AUTO_BACKUP_INTERVAL = timedelta(minutes=30)
MANIFEST_FORMAT = "mneedle-backup/1"
_PREFIX = "mneedle-backup-"
_STAMP = re.compile(r"\d{8}T\d{6}Z")
_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"  # in backup and set-aside names: the time, never client data


@dataclass(frozen=True)
class BackupInfo:
    """One backup: the database copy and what its manifest (or a check of it) says."""

    path: Path
    created_at: datetime
    facts: CopyFacts

    @property
    def clients(self) -> int:
        return self.facts.row_counts.get("client", 0)

    @property
    def consultations(self) -> int:
        return self.facts.row_counts.get("consultation", 0)


@dataclass(frozen=True)
class RestoreReport:
    restored: BackupInfo
    set_aside: Path | None  # the database that was replaced, kept here


def manifest_path(backup: Path) -> Path:
    return backup.with_suffix(".json")


def backup_name(at: datetime) -> str:
    """``mneedle-backup-20261125T103000Z.sqlite3``: the time only, never client data."""
    return f"{_PREFIX}{at.strftime(_STAMP_FORMAT)}.sqlite3"


def _manifest(info: BackupInfo) -> dict[str, Any]:
    f = info.facts
    return {
        "format": MANIFEST_FORMAT,
        "database": info.path.name,
        "created_at": utc_timestamp(info.created_at),
        "app_version": __version__,
        "schema_version": f.schema_version,
        "row_counts": f.row_counts,
        "sha256": f.sha256,
        "size": f.size,
        "last_audit_seq": f.last_audit_seq,
        "last_audit_hash": f.last_audit_hash,
        "checks": {"integrity_check": "ok", "foreign_key_check": "ok"},
    }


def _write_manifest(info: BackupInfo) -> None:
    data = json.dumps(_manifest(info), indent=2, sort_keys=True).encode("utf-8")
    write_atomically(manifest_path(info.path), data)


def read_manifest(backup: Path) -> BackupInfo | None:
    """The backup as its manifest describes it, without reading the database; None when
    there is no readable manifest of ours beside it."""
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT:
            return None
        facts = CopyFacts(
            schema_version=int(data["schema_version"]),
            row_counts={str(k): int(v) for k, v in dict(data["row_counts"]).items()},
            last_audit_seq=int(data["last_audit_seq"]),
            last_audit_hash=data["last_audit_hash"],
            sha256=str(data["sha256"]),
            size=int(data["size"]),
        )
        return BackupInfo(backup, parse_utc_timestamp(str(data["created_at"])), facts)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def inspect_backup(backup: Path) -> BackupInfo:
    """Check a backup file fully (it is ours, whole, healthy, and unchanged since its
    manifest was written) and say what it holds. Raises ``BackupError`` saying what is
    wrong. The file is only read."""
    if not backup.is_file():
        raise BackupError(f"There is no backup file at {backup}.", backup)
    described = read_manifest(backup)
    if described is not None and described.facts.sha256 != file_sha256(backup)[0]:
        raise BackupError(
            f"{backup.name} was changed after it was made (its SHA-256 does not match its "
            "manifest); it cannot be trusted.",
            backup,
        )
    facts = check_copy(backup)
    if described is not None:
        return BackupInfo(backup, described.created_at, facts)
    return BackupInfo(backup, _time_in_name(backup) or _modified(backup), facts)


def _time_in_name(path: Path) -> datetime | None:
    """The UTC time stamped in one of our file names (``…-20261125T103000Z…``)."""
    stamp = _STAMP.search(path.name)
    if stamp is None:
        return None
    return datetime.strptime(stamp.group(0), _STAMP_FORMAT).replace(tzinfo=UTC)


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder`` that have a manifest, newest first (not checked)."""
    if not folder.is_dir():
        return []
    found = [read_manifest(p) for p in folder.glob(f"{_PREFIX}*.sqlite3") if p.is_file()]
    return sorted((b for b in found if b is not None), key=lambda b: b.created_at, reverse=True)


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup in ``folder`` that passes every check, or None."""
    for described in list_backups(folder):
        try:
            return inspect_backup(described.path)
        except BackupError:
            log.warning("a backup failed its checks and was skipped")
    return None


def refuse_emptied_database(database: Path) -> None:
    """An empty database file where backups of it exist was damaged (emptied by a failing
    disk or a copy gone wrong), not new: refuse to set it up afresh over the clinic's data."""
    if is_empty_file(database) and list_backups(database.parent / BACKUP_FOLDER):
        raise CorruptDatabaseError(
            f"The database {database} is empty, but backups of it exist: it was damaged. It "
            "was left untouched. Restore your latest backup.",
            database,
        )


def restore_closed_database(database: Path, backup: Path, clock: Clock) -> RestoreReport:
    """Restore ``backup`` over a database that is not open (one found damaged at start-up,
    or from the command line). The file it replaces is kept aside, never deleted. Raises
    ``BackupError`` with nothing changed when the backup cannot be used."""
    info = inspect_backup(backup)
    outcome = restore_database(
        database, backup, database.parent / SET_ASIDE_FOLDER, _label(clock.now())
    )
    # The erasures the replaced store recorded stay done (when it can still be read).
    facts = erasure_facts_of_file(outcome.set_aside) if outcome.set_aside else None
    store = Store.open(database, clock)
    try:
        with store.write() as s:
            detail = f"restored from the backup of {utc_timestamp(info.created_at)}"
            s.record(AuditEvent(SYSTEM_ACTOR, AuditAction.RESTORE, "store", "database", detail))
        if facts is not None:
            carry_erasures(store, facts, SYSTEM_ACTOR)
    finally:
        store.close()
    log.info("a backup was restored while the store was closed")
    return RestoreReport(info, outcome.set_aside)


def _label(at: datetime) -> str:
    return at.strftime(_STAMP_FORMAT)


class BackupService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        acting: Acting,
        accounts: AccountService,
        *,
        rotation: RotationPolicy = DEFAULT_ROTATION,
    ) -> None:
        self._store = store
        self._clock = clock
        self._acting = acting
        self._accounts = accounts
        self._rotation = rotation
        self.folder = store.path.parent / BACKUP_FOLDER
        self._backed_up_changes = -1  # nothing backed up by this program yet
        self._last_automatic: datetime | None = None

    @property
    def has_changes(self) -> bool:
        """Whether the store changed since this program last backed it up."""
        return self._store.change_count != self._backed_up_changes

    def back_up(self, to: Path | None = None) -> BackupInfo:
        """Back the store up now: into the automatic folder (rotated), or into ``to`` (a
        folder the user picked, say a USB stick; never rotated). Raises ``BackupError``."""
        folder = self.folder if to is None else to
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as e:
            raise BackupError(
                f"The folder {folder} cannot be used for backups ({e.strerror or e}).", folder
            ) from e
        changes = self._store.change_count
        at = self._clock.now()
        target = folder / backup_name(at)
        n = 2
        while target.exists() or manifest_path(target).exists():
            target = folder / backup_name(at).replace(".sqlite3", f"-{n}.sqlite3")
            n += 1
        facts = self._store.back_up_to(target)
        info = BackupInfo(target, at, facts)
        try:
            _write_manifest(info)
        except OSError as e:
            target.unlink(missing_ok=True)
            raise BackupError(
                f"The backup's manifest could not be written in {folder} ({e.strerror or e}).",
                target,
            ) from e
        if to is None:
            # A backup elsewhere (a USB stick that leaves) does not stand in for this one.
            self._backed_up_changes = changes
            self._last_automatic = at
            self._rotate(newest=at)
        else:
            self._record(AuditAction.BACKUP, "to a chosen folder")
        log.info("backup written (%d bytes)", facts.size)
        return info

    def back_up_if_due(self, *, closing: bool = False) -> BackupInfo | None:
        """The automatic backup: when the store changed since the last one, and at most
        every 30 minutes (on closing, whenever it changed)."""
        if not self.has_changes:
            return None
        last = self._last_automatic
        if not closing and last is not None and self._clock.now() - last < AUTO_BACKUP_INTERVAL:
            return None
        return self.back_up()

    def inspect(self, backup: Path) -> BackupInfo:
        """``inspect_backup``, refusing the database in use itself."""
        if backup.exists() and backup.resolve() == self._store.path.resolve():
            raise BackupError(
                f"{backup.name} is the database in use, not a backup. Choose a file from "
                "the backups folder or from where you saved your backups.",
                backup,
            )
        return inspect_backup(backup)

    def restore(self, backup: Path) -> RestoreReport:
        """Put ``backup`` in place of the store (the owner only). The current database is
        kept aside first. Everyone is signed out: the restored store opens with the
        passwords it had when it was backed up. Raises ``BackupError`` with the store
        unchanged when the backup cannot be used."""
        owner = self._acting.require_owner()
        info = self.inspect(backup)
        with self._store.read() as s:
            facts = s.erasure.facts()
        key = self._accounts.session_key()
        outcome = self._store.replace_with(
            backup, self._store.path.parent / SET_ASIDE_FOLDER, _label(self._clock.now())
        )
        # The data key and the accounts now come from the backup: sign in again.
        self._accounts.forget_session()
        detail = f"restored from the backup of {utc_timestamp(info.created_at)}"
        with self._store.write() as s:
            s.record(AuditEvent(owner.id, AuditAction.RESTORE, "store", "database", detail))
        carry_erasures(self._store, facts, owner.id)
        if facts.awaiting:
            self._strip_contact_details(list(facts.awaiting), key)
        self._backed_up_changes = -1
        log.info("a backup was restored")
        return RestoreReport(info, outcome.set_aside)

    def _record(self, action: AuditAction, detail: str) -> None:
        with self._store.write() as s:
            s.record(AuditEvent(self._acting.actor, action, "store", "database", detail))

    def _rotate(self, *, newest: datetime) -> None:
        self._tidy()
        backups = list_backups(self.folder)
        # The backup just made is kept even when the clock was set back.
        keep = backups_to_keep((b.created_at for b in backups), self._rotation) | {newest}
        with self._store.read() as s:
            purged = s.erasure.last_purge()
        if purged is not None and newest >= parse_utc_timestamp(purged):
            # Erased clients are in the backups made before the purge, and in databases
            # kept aside by restores before it: those go now that a backup without them
            # exists.
            purged_at = parse_utc_timestamp(purged)
            keep = {t for t in keep if t >= purged_at}
            self._drop_set_aside_before(purged_at)
        for b in backups:
            if b.created_at not in keep:
                b.path.unlink(missing_ok=True)
                manifest_path(b.path).unlink(missing_ok=True)

    def _strip_contact_details(self, client_ids: list[ClientId], key: bytes) -> None:
        """Clients awaiting erasure keep only their names and date of birth, as before the
        restore (the restored store has the same clinic key; a store of another clinic
        does not decrypt, and its clients are left alone)."""
        self._store.unlock(key)
        try:
            with self._store.write() as s:
                keep_identity_only(s, client_ids, self._clock.now())
        finally:
            self._store.lock()

    def _drop_set_aside_before(self, moment: datetime) -> None:
        folder = self._store.path.parent / SET_ASIDE_FOLDER
        if not folder.is_dir():
            return
        for kept in folder.glob("*.sqlite3"):
            if (_time_in_name(kept) or _modified(kept)) < moment:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    kept.with_name(kept.name + suffix).unlink(missing_ok=True)

    def _tidy(self) -> None:
        """What a program stopped mid-backup left: a checked copy without its manifest gets
        one (its time from its name); a manifest without its copy, or a half-written copy,
        goes."""
        stale = time.time() - 600  # not another program's backup in progress
        for leftover in self.folder.glob(f".{_PREFIX}*.partial*"):
            if leftover.stat().st_mtime < stale:
                leftover.unlink(missing_ok=True)
        for manifest in self.folder.glob(f"{_PREFIX}*.json"):
            if not manifest.with_suffix(".sqlite3").exists():
                manifest.unlink(missing_ok=True)
        for copy in self.folder.glob(f"{_PREFIX}*.sqlite3"):
            if manifest_path(copy).exists():
                continue
            made = _time_in_name(copy)
            try:
                if made is None:
                    raise ValueError(copy.name)
                info = BackupInfo(copy, made, check_copy(copy))
            except (ValueError, BackupError):
                copy.unlink(missing_ok=True)
                continue
            _write_manifest(info)
