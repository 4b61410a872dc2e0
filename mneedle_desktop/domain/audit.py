"""The audit trail: who did what to which record, when; each entry chained to the last.

Entries carry no clinical detail and no names: only ids, actions and short technical notes.
"""

import json
from dataclasses import dataclass
from enum import StrEnum

GENESIS_HASH = "0" * 64


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    VIEW = "view"
    DELETE = "delete"
    SETUP = "setup"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK = "unlock"
    DISABLE = "disable"
    ENABLE = "enable"
    PASSWORD_CHANGE = "password_change"
    RECOVERY = "recovery"
    EXPORT = "export"
    SIGN = "sign"
    ADDENDUM = "addendum"
    BACKUP = "backup"
    RESTORE = "restore"
    ERASURE_REQUEST = "erasure_request"
    PURGE = "purge"


@dataclass(frozen=True)
class AuditEvent:
    """What a use case reports; the store adds the time, the device and the chain."""

    actor: str
    action: AuditAction
    entity: str
    entity_id: str
    detail: str = ""


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    device_id: str
    actor: str
    action: str
    entity: str
    entity_id: str
    detail: str
    prev_hash: str
    hash: str

    def canonical_content(self) -> bytes:
        content = {
            "seq": self.seq,
            "at": self.at,
            "device_id": self.device_id,
            "actor": self.actor,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "detail": self.detail,
        }
        return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(prev_hash: str, canonical_content: bytes) -> str:
    import hashlib  # OpenSSL is loaded at the first entry written, not at start-up

    return hashlib.sha256(prev_hash.encode("ascii") + canonical_content).hexdigest()


@dataclass(frozen=True)
class ChainVerdict:
    entries: int
    first_broken_seq: int | None

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None


def verify_chain(entries: list[AuditEntry]) -> ChainVerdict:
    """Check every link; name the first entry whose hash or back-link does not hold."""
    prev = GENESIS_HASH
    for entry in entries:
        if entry.prev_hash != prev or entry.hash != entry_hash(prev, entry.canonical_content()):
            return ChainVerdict(len(entries), entry.seq)
        prev = entry.hash
    return ChainVerdict(len(entries), None)
