from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from mneedle_desktop.domain.clients import ClientDetails
from mneedle_desktop.domain.clinic import ClinicProfile, ClinicSetup, PractitionerProfile
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.clients import ClientNotFoundError
from mneedle_desktop.services.container import AppServices

ZOE = ClientDetails("Ørsted", "Zoë", date(1990, 5, 12), email="zoe@example.com")


def audit(services: AppServices) -> list[tuple[str, str, str, str]]:
    with services.store.read() as s:
        return [(e.actor, e.action, e.entity, e.entity_id) for e in s.audit.entries()]


def test_added_client_is_listed_and_audited(services: AppServices) -> None:
    client = services.clients.add(ZOE)
    [row] = services.clients.summaries()
    assert (row.id, row.family_name, row.given_name) == (client.id, "Ørsted", "Zoë")
    assert row.date_of_birth == date(1990, 5, 12)
    assert audit(services) == [("system", "create", "client", client.id)]


def test_timestamps_are_utc_and_device_is_recorded(
    services: AppServices, clock: FixedClock
) -> None:
    client = services.clients.add(ZOE)
    opened = services.clients.open(client.id)
    assert opened.created_at == clock.now()
    assert opened.device_id == services.store.device_id


def test_actor_is_the_clinic_practitioner_once_set_up(services: AppServices) -> None:
    services.clinic.save(
        ClinicSetup(
            ClinicProfile("Skin Clinic", phone="020 7946 0958"),
            PractitionerProfile("Dr A Nurse", "Doctor", "GMC 1234567"),
        )
    )
    client = services.clients.add(ZOE)
    actor = audit(services)[-1][0]
    assert actor != "system"
    assert audit(services)[-1] == (actor, "create", "client", client.id)


def test_invalid_client_is_not_stored(services: AppServices) -> None:
    with pytest.raises(ValidationError):
        services.clients.add(ClientDetails("", "Zoë", None))
    assert services.clients.summaries() == []
    assert audit(services) == []


def test_update_changes_fields_and_audits_their_names_only(
    services: AppServices, clock: FixedClock
) -> None:
    client = services.clients.add(ZOE)
    clock.set(clock.now() + timedelta(hours=1))
    moved = replace(ZOE, phone="+44 20 7946 0000")
    updated = services.clients.update(client.id, moved)
    assert updated.details.phone == "+44 20 7946 0000"
    assert updated.updated_at > updated.created_at
    with services.store.read() as s:
        last = s.audit.entries()[-1]
    assert (last.action, last.detail) == ("update", "fields: phone")
    assert "7946" not in last.detail


def test_opening_a_client_is_audited_as_a_view(services: AppServices) -> None:
    client = services.clients.add(ZOE)
    services.clients.open(client.id)
    assert audit(services)[-1][1:] == ("view", "client", client.id)


def test_unknown_client_is_reported(services: AppServices) -> None:
    with pytest.raises(ClientNotFoundError):
        services.clients.open(ClientId("00000000-0000-4000-8000-000000000000"))


def test_likely_duplicates_match_accents_and_case(services: AppServices) -> None:
    first = services.clients.add(ZOE)
    same = ClientDetails("ORSTED", "zoe", date(1990, 5, 12))
    assert [c.id for c in services.clients.likely_duplicates(same)] == [first.id]
    assert services.clients.likely_duplicates(same, exclude=first.id) == []
    other_day = ClientDetails("Ørsted", "Zoë", date(1990, 5, 13))
    assert services.clients.likely_duplicates(other_day) == []


def test_future_is_judged_by_the_injected_clock(services: AppServices, clock: FixedClock) -> None:
    clock.set(datetime(2000, 6, 1, 12, tzinfo=UTC))
    with pytest.raises(ValidationError, match="future"):
        services.clients.add(ClientDetails("Late", "Born", date(2001, 1, 1)))
