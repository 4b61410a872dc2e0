"""Numbered, append-only schema migrations.

Each step runs in one transaction together with the ``PRAGMA user_version`` bump, so a
database is always at exactly one version. Never edit a released step: add a new one.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_APPEND_ONLY_TRIGGERS = tuple(
    f"""CREATE TRIGGER audit_log_no_{op.lower()} BEFORE {op} ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"""
    for op in ("UPDATE", "DELETE")
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "clinic, practitioner, client and audit log",
        (
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) STRICT""",
            """CREATE TABLE clinic (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                address TEXT NOT NULL,
                phone TEXT NOT NULL,
                email TEXT NOT NULL,
                logo_png BLOB,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                device_id TEXT NOT NULL,
                deleted_at TEXT
            ) STRICT""",
            """CREATE TABLE practitioner (
                id TEXT PRIMARY KEY,
                full_name TEXT NOT NULL,
                profession TEXT NOT NULL,
                registration_number TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                device_id TEXT NOT NULL,
                deleted_at TEXT
            ) STRICT""",
            """CREATE TABLE client (
                id TEXT PRIMARY KEY,
                family_name TEXT NOT NULL,
                given_name TEXT NOT NULL,
                date_of_birth TEXT NOT NULL,
                sex TEXT NOT NULL
                    CHECK (sex IN ('female', 'male', 'intersex', 'not_stated')),
                phone TEXT NOT NULL,
                email TEXT NOT NULL,
                address TEXT NOT NULL,
                gp TEXT NOT NULL,
                emergency_contact TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                device_id TEXT NOT NULL,
                deleted_at TEXT
            ) STRICT""",
            "CREATE INDEX client_date_of_birth ON client(date_of_birth) WHERE deleted_at IS NULL",
            """CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                device_id TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                detail TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE
            ) STRICT""",
            *_APPEND_ONLY_TRIGGERS,
        ),
    ),
    Migration(
        2,
        "accounts, wrapped data keys, encrypted client details",
        (
            # Client details are now one encrypted value per row. Rows written by schema 1
            # wait in legacy_client until the owner account exists to encrypt them.
            "ALTER TABLE client RENAME TO legacy_client",
            """CREATE TABLE client (
                id TEXT PRIMARY KEY,
                details BLOB NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                device_id TEXT NOT NULL,
                deleted_at TEXT
            ) STRICT""",
            "ALTER TABLE clinic ADD COLUMN auto_lock_minutes INTEGER NOT NULL DEFAULT 5",
            "ALTER TABLE practitioner ADD COLUMN username TEXT",
            """ALTER TABLE practitioner ADD COLUMN role TEXT NOT NULL DEFAULT 'practitioner'
                CHECK (role IN ('owner', 'practitioner'))""",
            "ALTER TABLE practitioner ADD COLUMN disabled_at TEXT",
            "ALTER TABLE practitioner ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE practitioner ADD COLUMN locked_until TEXT",
            "CREATE UNIQUE INDEX practitioner_username ON practitioner(username)",
            """CREATE TABLE key_wrap (
                kind TEXT NOT NULL CHECK (kind IN ('password', 'recovery')),
                practitioner_id TEXT NOT NULL DEFAULT '',
                salt BLOB NOT NULL,
                kdf TEXT NOT NULL,
                nonce BLOB NOT NULL,
                ciphertext BLOB NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (kind, practitioner_id)
            ) STRICT""",
        ),
    ),
    Migration(
        3,
        "consultations and their addenda",
        (
            # The record (answers, findings, plan, signatures) and its summary (date and
            # outcome, for the client list) are encrypted; the lifecycle state is not.
            """CREATE TABLE consultation (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL REFERENCES client(id),
                state TEXT NOT NULL CHECK (state IN ('draft', 'closed')),
                summary BLOB NOT NULL,
                record BLOB NOT NULL,
                page INTEGER NOT NULL DEFAULT 0,
                content_version TEXT,
                record_hash TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                closed_at TEXT,
                closed_by TEXT,
                device_id TEXT NOT NULL,
                deleted_at TEXT
            ) STRICT""",
            "CREATE INDEX consultation_client ON consultation(client_id) WHERE deleted_at IS NULL",
            """CREATE TRIGGER consultation_closed_is_final BEFORE UPDATE ON consultation
                WHEN OLD.state = 'closed' AND (NEW.record IS NOT OLD.record
                    OR NEW.summary IS NOT OLD.summary OR NEW.state IS NOT OLD.state
                    OR NEW.record_hash IS NOT OLD.record_hash)
                BEGIN SELECT RAISE(ABORT, 'a signed consultation cannot be changed'); END""",
            """CREATE TABLE addendum (
                id TEXT PRIMARY KEY,
                consultation_id TEXT NOT NULL REFERENCES consultation(id),
                body BLOB NOT NULL,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                device_id TEXT NOT NULL
            ) STRICT""",
            """CREATE TRIGGER addendum_no_update BEFORE UPDATE ON addendum
                BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END""",
            """CREATE TRIGGER addendum_no_delete BEFORE DELETE ON addendum
                BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END""",
        ),
    ),
    Migration(
        4,
        "the SHA-256 of the last PDF exported of a consultation",
        ("ALTER TABLE consultation ADD COLUMN pdf_sha256 TEXT",),
    ),
    Migration(
        5,
        "the clinic's choice to put the client's name in PDF file names (off by default)",
        (
            """ALTER TABLE clinic ADD COLUMN name_in_file_names INTEGER NOT NULL DEFAULT 0
                CHECK (name_in_file_names IN (0, 1))""",
        ),
    ),
    Migration(
        6,
        "the signed document itself, kept (encrypted) so exporting again gives the same "
        "bytes even after the clinical content is updated",
        (
            """CREATE TABLE document (
                consultation_id TEXT PRIMARY KEY REFERENCES consultation(id),
                pdf BLOB NOT NULL,
                sha256 TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT""",
            """CREATE TRIGGER document_no_update BEFORE UPDATE ON document
                BEGIN SELECT RAISE(ABORT, 'a signed document is final'); END""",
            """CREATE TRIGGER document_no_delete BEFORE DELETE ON document
                BEGIN SELECT RAISE(ABORT, 'a signed document is final'); END""",
        ),
    ),
    Migration(
        7,
        "erasure: clients marked for erasure, the clinic's retention period, and purging "
        "signed records (only with a permit written in the same transaction)",
        (
            """ALTER TABLE clinic ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 8
                CHECK (retention_years BETWEEN 1 AND 100)""",
            "ALTER TABLE client ADD COLUMN erasure_requested_at TEXT",
            "CREATE TABLE purge_permit (consultation_id TEXT PRIMARY KEY) STRICT",
            # The ids of erased clients (ids only): their records are never imported or
            # restored back.
            """CREATE TABLE erased_client (
                id TEXT PRIMARY KEY,
                erased_at TEXT NOT NULL
            ) STRICT""",
            "DROP TRIGGER document_no_delete",
            """CREATE TRIGGER document_no_delete BEFORE DELETE ON document
                WHEN NOT EXISTS (SELECT 1 FROM purge_permit
                                 WHERE consultation_id = OLD.consultation_id)
                BEGIN SELECT RAISE(ABORT, 'a signed document is final'); END""",
            "DROP TRIGGER addendum_no_delete",
            """CREATE TRIGGER addendum_no_delete BEFORE DELETE ON addendum
                WHEN NOT EXISTS (SELECT 1 FROM purge_permit
                                 WHERE consultation_id = OLD.consultation_id)
                BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END""",
            """CREATE TRIGGER consultation_signed_no_delete BEFORE DELETE ON consultation
                WHEN OLD.state = 'closed' AND NOT EXISTS (SELECT 1 FROM purge_permit
                                                          WHERE consultation_id = OLD.id)
                BEGIN SELECT RAISE(ABORT, 'a signed consultation cannot be deleted'); END""",
        ),
    ),
    Migration(
        8,
        "the client list at scale: each client's latest consultation (date and outcome, "
        "encrypted) kept on the client's row; unfinished drafts and clients awaiting "
        "erasure indexed",
        (
            "ALTER TABLE client ADD COLUMN last_visit BLOB",
            """CREATE INDEX consultation_open_drafts ON consultation(client_id)
                WHERE state = 'draft' AND deleted_at IS NULL""",
            # Start-up asks who awaits erasure: without this it reads every client row.
            """CREATE INDEX client_awaiting_erasure ON client(erasure_requested_at)
                WHERE erasure_requested_at IS NOT NULL""",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


def pending(current_version: int) -> tuple[Migration, ...]:
    return tuple(m for m in MIGRATIONS if m.version > current_version)


def _check_ladder() -> None:
    versions = [m.version for m in MIGRATIONS]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations must be numbered 1, 2, 3... without gaps: {versions}")


_check_ladder()
