import pytest

from mneedle_desktop.domain.clinic import ClinicProfile, ClinicSetup, PractitionerProfile
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.container import AppServices

SETUP = ClinicSetup(
    ClinicProfile("Calm Skin Clinic", "1 High Street\nLeeds", "0113 496 0000", "hello@calm.test"),
    PractitionerProfile("Amira Khan", "Registered nurse", "NMC 12A3456B"),
)


def test_new_store_needs_setup(services: AppServices) -> None:
    assert services.clinic.needs_setup()
    assert services.clinic.current() is None


def test_setup_is_stored_and_audited(services: AppServices) -> None:
    services.clinic.save(SETUP)
    assert not services.clinic.needs_setup()
    assert services.clinic.current() == SETUP
    with services.store.read() as s:
        [entry] = s.audit.entries()
    assert (entry.action, entry.entity) == ("setup", "clinic")


def test_later_save_updates_in_place(services: AppServices) -> None:
    services.clinic.save(SETUP)
    changed = ClinicSetup(
        ClinicProfile("Calm Skin Clinic", phone="0113 496 0001", logo_png=b"\x89PNG..."),
        SETUP.practitioner,
    )
    services.clinic.save(changed)
    assert services.clinic.current() == changed
    with services.store.read() as s:
        assert len(s.clinic.practitioners()) == 1
        assert [e.action for e in s.audit.entries()] == ["setup", "update"]


def test_every_missing_field_is_reported_at_once(services: AppServices) -> None:
    empty = ClinicSetup(ClinicProfile(""), PractitionerProfile("", "", ""))
    with pytest.raises(ValidationError) as info:
        services.clinic.save(empty)
    assert set(info.value.by_field()) == {
        "clinic.name",
        "clinic.phone",
        "practitioner.full_name",
        "practitioner.profession",
        "practitioner.registration_number",
    }
    assert services.clinic.needs_setup()
