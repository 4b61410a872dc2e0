"""Erasing a client: what is not under retention goes at once; signed clinical records are
kept until the clinic's retention period after the last one ends, then purged.

Purged means deleted from the database (its pages overwritten, its write-ahead log
emptied) and from the automatic backups at their next rotation: backups made before the
purge are deleted once a backup made after it exists.
"""

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime

from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.clinic import DEFAULT_RETENTION_YEARS
from mneedle_desktop.domain.clock import Clock, parse_utc_timestamp
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.domain.retention import keep_until
from mneedle_desktop.services.acting import SYSTEM_ACTOR, Acting
from mneedle_desktop.storage.erasure_rows import ErasureFacts
from mneedle_desktop.storage.errors import TamperedRecordError
from mneedle_desktop.storage.store import Session, Store

log = logging.getLogger(__name__)
ENTITY = "client"


@dataclass(frozen=True)
class ErasureOutcome:
    purged: bool  # everything is gone now
    kept_until: date | None  # when not: the day the signed records go


class ErasureService:
    def __init__(self, store: Store, clock: Clock, acting: Acting) -> None:
        self._store = store
        self._clock = clock
        self._acting = acting

    def preview(self, client_id: ClientId) -> ErasureOutcome:
        """What erasing the client now would do, without doing it."""
        with self._store.read() as s:
            until = self._kept_until(s, client_id)
        return ErasureOutcome(purged=until is None, kept_until=until)

    def request(self, client_id: ClientId) -> ErasureOutcome:
        """Erase the client (the owner only): at once when nothing is under retention;
        otherwise drafts and contact details go now, and the signed records on their
        retention date."""
        owner = self._acting.require_owner()
        with self._store.write() as s:
            client = s.clients.get(client_id)
            if client is None:
                raise LookupError("That client is no longer in the store.")
            until = self._kept_until(s, client_id)
            if until is None:
                count = s.erasure.purge_client(client_id, at=s.at)
                s.erasure.set_last_purge(s.at)
                s.record(
                    AuditEvent(
                        owner.id,
                        AuditAction.PURGE,
                        ENTITY,
                        client_id,
                        f"erased at once with {count} draft(s)",
                    )
                )
            else:
                drafts = s.erasure.purge_drafts(client_id)
                # Only what identifies the kept records stays: names and date of birth.
                keep_identity_only(s, [client_id], self._clock.now())
                s.erasure.mark(client_id, at=s.at)
                s.erasure.set_last_purge(s.at)
                s.record(
                    AuditEvent(
                        owner.id,
                        AuditAction.ERASURE_REQUEST,
                        ENTITY,
                        client_id,
                        f"{drafts} draft(s) and contact details purged; signed "
                        f"records kept until {until.isoformat()}",
                    )
                )
        self._store.checkpoint()
        log.info("client erasure: %s", "purged" if until is None else "marked")
        return ErasureOutcome(purged=until is None, kept_until=until)

    def purge_due(self) -> int:
        """Purge the marked clients whose retention has ended; how many. Needs no one
        signed in: it reads no client data."""
        today = self._clock.now().astimezone().date()
        purged = 0
        with self._store.read() as s:
            due = [c for c in s.erasure.marked() if self._due(s, c, today)]
        if not due:
            return 0  # nothing to purge: no write at all (start-up stays quick)
        with self._store.write() as s:
            for client_id in s.erasure.marked():
                if not self._due(s, client_id, today):
                    continue
                count = s.erasure.purge_client(client_id, at=s.at)
                s.erasure.set_last_purge(s.at)
                s.record(
                    AuditEvent(
                        SYSTEM_ACTOR,
                        AuditAction.PURGE,
                        ENTITY,
                        client_id,
                        f"retention ended: {count} consultation(s) purged",
                    )
                )
                purged += 1
        if purged:
            self._store.checkpoint()
            log.info("retention ended for %d client(s): purged", purged)
        return purged

    def _due(self, s: Session, client_id: ClientId, today: date) -> bool:
        until = self._kept_until(s, client_id)
        return until is None or until <= today

    def _kept_until(self, s: Session, client_id: ClientId) -> date | None:
        last = s.erasure.last_signed_at(client_id)
        if last is None:
            return None
        clinic = s.clinic.clinic()
        years = clinic.profile.retention_years if clinic else DEFAULT_RETENTION_YEARS
        # Counted from the day it was signed where the clinic is, not in UTC.
        return keep_until(parse_utc_timestamp(last).astimezone().date(), years)


def keep_identity_only(s: Session, client_ids: list[ClientId], now: datetime) -> int:
    """Reduce these clients' details to their names and date of birth, in the unlocked
    session ``s``; how many changed. A row that does not decrypt (another clinic's store,
    or changed outside the program) is left alone."""
    changed = 0
    for client_id in client_ids:
        try:
            client = s.clients.get(client_id)
        except TamperedRecordError:
            continue
        if client is None or client.details == client.details.identity_only():
            continue
        s.clients.update(replace(client, details=client.details.identity_only(), updated_at=now))
        changed += 1
    return changed


def carry_erasures(store: Store, facts: ErasureFacts, actor: str) -> None:
    """After a restore: what the replaced store had erased stays erased, and who was
    awaiting erasure still is (their drafts purged again); the time of the last purge
    carries over, so backups made before it still go at the next rotation. Contact details
    are stripped again by the caller, which holds the key."""
    if not (facts.erased or facts.awaiting or facts.last_purge):
        return
    with store.write() as s:
        for client_id, at in facts.erased.items():
            s.erasure.purge_client(client_id, at=at)
        for client_id, at in facts.awaiting.items():
            if s.erasure.requested_at(client_id) is None:
                s.erasure.mark(client_id, at=at)
            s.erasure.purge_drafts(client_id)
        current = s.erasure.last_purge()
        if facts.last_purge is not None and (current is None or facts.last_purge > current):
            s.erasure.set_last_purge(facts.last_purge)
        if facts.erased or facts.awaiting:
            detail = (
                f"erasures made before the restore applied again: {len(facts.erased)} "
                f"erased, {len(facts.awaiting)} awaiting retention"
            )
            s.record(AuditEvent(actor, AuditAction.PURGE, "store", "database", detail))
    store.checkpoint()
