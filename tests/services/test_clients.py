import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mneedle_desktop.domain.clients import ClientDetails
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.clients import ClientNotFoundError
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import StoreLockedError

ZOE = ClientDetails("Ørsted", "Zoë", date(1990, 5, 12), email="zoe@example.com")


def audit(owner_services: AppServices) -> list[tuple[str, str, str, str]]:
    with owner_services.store.read() as s:
        return [(e.actor, e.action, e.entity, e.entity_id) for e in s.audit.entries()]


def test_added_client_is_listed_and_audited(owner_services: AppServices) -> None:
    client = owner_services.clients.add(ZOE)
    [row] = owner_services.clients.summaries()
    assert (row.id, row.family_name, row.given_name) == (client.id, "Ørsted", "Zoë")
    assert row.date_of_birth == date(1990, 5, 12)
    owner = owner_services.accounts.current
    assert owner is not None
    assert audit(owner_services)[-1] == (owner.id, "create", "client", client.id)


def test_timestamps_are_utc_and_device_is_recorded(
    owner_services: AppServices, clock: FixedClock
) -> None:
    client = owner_services.clients.add(ZOE)
    opened = owner_services.clients.open(client.id)
    assert opened.created_at == clock.now()
    assert opened.device_id == owner_services.store.device_id


def test_nothing_can_be_read_or_written_while_locked(owner_services: AppServices) -> None:
    owner_services.clients.add(ZOE)
    owner_services.accounts.lock()
    with pytest.raises(StoreLockedError):
        owner_services.clients.summaries()
    with pytest.raises(StoreLockedError):
        owner_services.clients.add(ZOE)


def test_invalid_client_is_not_stored(owner_services: AppServices) -> None:
    with pytest.raises(ValidationError):
        owner_services.clients.add(ClientDetails("", "Zoë", None))
    assert owner_services.clients.summaries() == []
    assert "client" not in [entity for _, _, entity, _ in audit(owner_services)]


def test_update_changes_fields_and_audits_their_names_only(
    owner_services: AppServices, clock: FixedClock
) -> None:
    client = owner_services.clients.add(ZOE)
    clock.set(clock.now() + timedelta(hours=1))
    moved = replace(ZOE, phone="+44 20 7946 0000")
    updated = owner_services.clients.update(client.id, moved)
    assert updated.details.phone == "+44 20 7946 0000"
    assert updated.updated_at > updated.created_at
    with owner_services.store.read() as s:
        last = s.audit.entries()[-1]
    assert (last.action, last.detail) == ("update", "fields: phone")
    assert "7946" not in last.detail


def test_opening_a_client_is_audited_as_a_view(owner_services: AppServices) -> None:
    client = owner_services.clients.add(ZOE)
    owner_services.clients.open(client.id)
    assert audit(owner_services)[-1][1:] == ("view", "client", client.id)


def test_unknown_client_is_reported(owner_services: AppServices) -> None:
    with pytest.raises(ClientNotFoundError):
        owner_services.clients.open(ClientId("00000000-0000-4000-8000-000000000000"))


def test_likely_duplicates_match_accents_and_case(owner_services: AppServices) -> None:
    first = owner_services.clients.add(ZOE)
    same = ClientDetails("ORSTED", "zoe", date(1990, 5, 12))
    assert [c.id for c in owner_services.clients.likely_duplicates(same)] == [first.id]
    assert owner_services.clients.likely_duplicates(same, exclude=first.id) == []
    other_day = ClientDetails("Ørsted", "Zoë", date(1990, 5, 13))
    assert owner_services.clients.likely_duplicates(other_day) == []


def test_future_is_judged_by_the_injected_clock(
    owner_services: AppServices, clock: FixedClock
) -> None:
    clock.set(datetime(2000, 6, 1, 12, tzinfo=UTC))
    with pytest.raises(ValidationError, match="future"):
        owner_services.clients.add(ClientDetails("Late", "Born", date(2001, 1, 1)))


def test_the_list_works_out_the_latest_consultation_when_it_is_not_kept_yet(
    owner_services: AppServices, database: Path
) -> None:
    """Rows from before the latest consultation was kept on them (an upgrade, a restore)."""
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    owner_services.consultations.save_draft(draft, draft.record, page=1)
    raw = sqlite3.connect(database)
    raw.execute("UPDATE client SET last_visit = NULL")
    raw.commit()
    raw.close()
    [row] = owner_services.clients.summaries()
    assert row.last_status is ConsultationStatus.DRAFT
    assert row.last_consultation == owner_services.consultations.today()
    owner_services.consultations.discard(owner_services.consultations.open(draft.id))
    [row] = owner_services.clients.summaries()
    assert row.last_status is None


def test_a_damaged_summary_or_kept_latest_consultation_never_stops_the_list_or_saving(
    owner_services: AppServices, database: Path
) -> None:
    client = owner_services.clients.add(ZOE)
    first = owner_services.consultations.start(client.id)
    second = owner_services.consultations.start(client.id)
    raw = sqlite3.connect(database)
    raw.execute("UPDATE consultation SET summary = x'00' WHERE id = ?", (first.id,))
    raw.execute("UPDATE client SET last_visit = x'0102' WHERE id = ?", (client.id,))
    raw.commit()
    raw.close()
    owner_services.consultations.save_draft(second, second.record, page=2)  # still saves
    [row] = owner_services.clients.summaries()  # still listed, the latest worked out again
    assert row.id == client.id
    assert row.last_status is ConsultationStatus.DRAFT
