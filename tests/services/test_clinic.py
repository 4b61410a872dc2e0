import pytest

from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.acting import NotAllowedError
from mneedle_desktop.services.container import AppServices
from tests.conftest import CLINIC, OWNER, OWNER_PASSWORD


def test_clinic_details_come_with_the_owner_account(owner_services: AppServices) -> None:
    assert owner_services.clinic.current() == CLINIC


def test_owner_changes_the_clinic_details_and_it_is_audited(
    owner_services: AppServices,
) -> None:
    changed = ClinicProfile(
        "Calm Skin Clinic",
        phone="0113 496 0001",
        logo_png=b"\x89PNG...",
        auto_lock_minutes=10,
        name_in_file_names=True,
    )
    owner_services.clinic.save(changed)
    assert owner_services.clinic.current() == changed
    with owner_services.store.read() as s:
        last = s.audit.entries()[-1]
    assert (last.action, last.entity) == ("update", "clinic")


def test_every_missing_clinic_field_is_reported_at_once(owner_services: AppServices) -> None:
    with pytest.raises(ValidationError) as info:
        owner_services.clinic.save(ClinicProfile("", auto_lock_minutes=0))
    assert set(info.value.by_field()) == {"clinic.name", "clinic.phone", "clinic.auto_lock_minutes"}


def test_only_the_owner_changes_clinic_details(owner_services: AppServices) -> None:
    from mneedle_desktop.domain.clinic import PractitionerProfile

    owner_services.accounts.add_account(
        PractitionerProfile("Ben Ode", "Doctor", "GMC 1"), "ben", "quiet harbour 42"
    )
    owner_services.accounts.sign_out()
    owner_services.accounts.sign_in("ben", "quiet harbour 42")
    with pytest.raises(NotAllowedError):
        owner_services.clinic.save(CLINIC)


def test_setup_needs_every_field(services: AppServices) -> None:
    with pytest.raises(ValidationError) as info:
        services.accounts.create_owner(ClinicProfile(""), OWNER, "a", "short")
    assert {"clinic.name", "clinic.phone", "username", "password"} <= set(info.value.by_field())
    assert services.accounts.needs_owner()
    services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    assert not services.accounts.needs_owner()
