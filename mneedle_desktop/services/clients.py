"""Client use cases: list, open, add, edit, and spot likely duplicates."""

import logging
from dataclasses import replace
from datetime import date

from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.clients import (
    Client,
    ClientDetails,
    ClientSummary,
    same_person,
    validate_client,
)
from mneedle_desktop.domain.clock import Clock
from mneedle_desktop.domain.ids import ClientId, new_uuid
from mneedle_desktop.services.acting import Acting
from mneedle_desktop.services.erasure import keep_identity_only
from mneedle_desktop.storage.store import Store

log = logging.getLogger(__name__)

ENTITY = "client"


class ErasingClientError(PermissionError):
    def __init__(self) -> None:
        super().__init__(
            "This client asked to be erased. Their signed records are kept, read-only, until "
            "the clinic's retention period ends; nothing can be added or changed."
        )


class ClientNotFoundError(LookupError):
    def __init__(self, client_id: str) -> None:
        super().__init__(f"no client with id {client_id}")
        self.client_id = client_id


class ClientService:
    def __init__(self, store: Store, clock: Clock, acting: Acting) -> None:
        self._store = store
        self._clock = clock
        self._acting = acting
        self.unreadable: list[str] = []  # ids of client rows that did not decrypt, last read

    def _today(self) -> date:
        return self._clock.now().astimezone().date()

    def summaries(self) -> list[ClientSummary]:
        """Every readable client, with the date and status of their latest consultation.
        Rows changed outside the program are left out and counted in ``unreadable``.

        The same pass finds what needs mending first: a latest consultation not kept yet
        (after an upgrade or a restore) or changed outside the program, and contact details
        of a client awaiting erasure brought back by a restore made without the key. Those
        are mended and the list read again."""
        with self._store.read() as s:
            clients, unreadable = s.clients.summaries()
            stale = s.clients.stale_visits + s.clients.with_consultations(s.clients.no_visit)
        waiting = [c.id for c in clients if c.erasing]
        if stale or waiting:
            with self._store.write() as s:
                for client_id in stale:
                    s.consultations.refresh_last_visit(client_id)
                changed = keep_identity_only(s, waiting, self._clock.now())
            if stale or changed:
                with self._store.read() as s:
                    clients, unreadable = s.clients.summaries()
        if unreadable:
            log.warning(
                "%d client rows do not decrypt (changed outside the program)", len(unreadable)
            )
        self.unreadable = unreadable
        return clients

    def open(self, client_id: ClientId) -> Client:
        """Fetch a client for viewing or editing; the view is audited."""
        actor = self._acting.actor
        with self._store.write() as s:
            client = s.clients.get(client_id)
            if client is None:
                raise ClientNotFoundError(client_id)
            s.record(AuditEvent(actor, AuditAction.VIEW, ENTITY, client_id))
        return client

    def validate(self, details: ClientDetails) -> ClientDetails:
        """The trimmed details, or ``ValidationError`` naming each bad field."""
        return validate_client(details, self._today())

    def likely_duplicates(
        self, details: ClientDetails, *, exclude: ClientId | None = None
    ) -> list[Client]:
        """Stored clients with the same name (accents and case ignored) and date of birth."""
        if details.date_of_birth is None:
            return []
        with self._store.read() as s:
            candidates, _ = s.clients.readable()
        return [c for c in candidates if c.id != exclude and same_person(c.details, details)]

    def add(self, details: ClientDetails) -> Client:
        valid = self.validate(details)
        now = self._clock.now()
        client = Client(
            id=ClientId(new_uuid()),
            details=valid,
            created_at=now,
            updated_at=now,
            device_id=self._store.device_id,
        )
        actor = self._acting.actor
        with self._store.write() as s:
            s.clients.insert(client)
            s.record(AuditEvent(actor, AuditAction.CREATE, ENTITY, client.id))
        log.info("client created %s", client.id)
        return client

    def update(self, client_id: ClientId, details: ClientDetails) -> Client:
        valid = self.validate(details)
        actor = self._acting.actor
        with self._store.write() as s:
            current = s.clients.get(client_id)
            if current is None:
                raise ClientNotFoundError(client_id)
            if s.erasure.requested_at(client_id) is not None:
                raise ErasingClientError()
            changed = replace(
                current,
                details=valid,
                updated_at=self._clock.now(),
                device_id=self._store.device_id,
            )
            s.clients.update(changed)
            fields = _changed_fields(current.details, valid)
            s.record(
                AuditEvent(
                    actor,
                    AuditAction.UPDATE,
                    ENTITY,
                    client_id,
                    detail="fields: " + ",".join(fields) if fields else "no change",
                )
            )
        log.info("client updated %s", client_id)
        return changed


def _changed_fields(before: ClientDetails, after: ClientDetails) -> list[str]:
    """Names (not values) of the fields that changed, for the audit entry."""
    return [f for f in before.__dataclass_fields__ if getattr(before, f) != getattr(after, f)]
