import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from mneedle_desktop.domain.clinic import PractitionerProfile
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.acting import NotAllowedError
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.services.sign_in_errors import AccountLockedError, SignInError
from tests.conftest import CLINIC, OWNER, OWNER_PASSWORD
from tests.services.test_clients import ZOE

BEN = PractitionerProfile("Ben Ode", "Doctor", "GMC 7654321")
BEN_PASSWORD = "quiet harbour 42"


def audit_actions(services: AppServices) -> list[str]:
    with services.store.read() as s:
        return [e.action for e in s.audit.entries()]


def test_owner_is_created_signed_in_and_given_a_recovery_key(services: AppServices) -> None:
    recovery = services.accounts.create_owner(CLINIC, OWNER, "Amira", OWNER_PASSWORD)
    assert len(recovery.replace("-", "")) == 55
    owner = services.accounts.current
    assert owner is not None
    assert (owner.username, owner.is_owner) == ("amira", True)
    assert services.store.unlocked
    with pytest.raises(NotAllowedError):
        services.accounts.create_owner(CLINIC, OWNER, "other", OWNER_PASSWORD)


def test_sign_in_and_wrong_password(owner_services: AppServices, clock: FixedClock) -> None:
    accounts = owner_services.accounts
    accounts.sign_out()
    assert not owner_services.store.unlocked
    with pytest.raises(SignInError, match="not right"):
        accounts.sign_in("amira", "not the password")
    with pytest.raises(SignInError, match="not right"):
        accounts.sign_in("nobody", OWNER_PASSWORD)
    assert not owner_services.store.unlocked
    clock.set(clock.now() + timedelta(seconds=2))
    assert accounts.sign_in("AMIRA ", OWNER_PASSWORD).username == "amira"
    actions = audit_actions(owner_services)
    assert actions[-4:] == ["logout", "login_failed", "login_failed", "login"]


def test_repeated_failures_slow_down_then_lock_the_account(
    owner_services: AppServices, clock: FixedClock
) -> None:
    accounts = owner_services.accounts
    accounts.sign_out()
    with pytest.raises(SignInError):
        accounts.sign_in("amira", "wrong one")
    with pytest.raises(AccountLockedError, match="Try again in 1 second"):
        accounts.sign_in("amira", OWNER_PASSWORD)  # even the right password waits
    for attempt in range(2, 6):
        clock.set(clock.now() + timedelta(seconds=attempt))
        with pytest.raises(SignInError):
            accounts.sign_in("amira", "wrong again")
    clock.set(clock.now() + timedelta(minutes=4))
    with pytest.raises(AccountLockedError, match="Too many wrong passwords"):
        accounts.sign_in("amira", OWNER_PASSWORD)
    clock.set(clock.now() + timedelta(minutes=2))
    assert accounts.sign_in("amira", OWNER_PASSWORD).username == "amira"


def test_owner_adds_and_disables_a_practitioner(owner_services: AppServices) -> None:
    accounts = owner_services.accounts
    ben = accounts.add_account(BEN, "ben", BEN_PASSWORD)
    accounts.sign_out()
    assert accounts.sign_in("ben", BEN_PASSWORD).id == ben.id
    with pytest.raises(NotAllowedError):
        accounts.add_account(BEN, "ben2", BEN_PASSWORD)
    accounts.sign_out()
    accounts.sign_in("amira", OWNER_PASSWORD)
    accounts.disable(ben.id)
    accounts.sign_out()
    with pytest.raises(SignInError, match="disabled"):
        accounts.sign_in("ben", BEN_PASSWORD)
    with owner_services.store.read() as s:
        assert s.accounts.wrap("password", ben.id) is None, "disabling removes the wrap"
    accounts.sign_in("amira", OWNER_PASSWORD)
    accounts.enable(ben.id, "new harbour 43")
    accounts.sign_out()
    assert accounts.sign_in("ben", "new harbour 43").id == ben.id


def test_a_role_changed_in_the_database_cannot_sign_in(
    owner_services: AppServices, database: Path
) -> None:
    accounts = owner_services.accounts
    accounts.add_account(BEN, "ben", BEN_PASSWORD)
    accounts.sign_out()
    raw = sqlite3.connect(database)
    raw.execute("UPDATE practitioner SET role = 'owner' WHERE username = 'ben'")
    raw.commit()
    raw.close()
    with pytest.raises(SignInError, match="changed outside"):
        accounts.sign_in("ben", BEN_PASSWORD)
    assert not owner_services.store.unlocked


def test_demoting_the_owner_never_starts_set_up_again(
    owner_services: AppServices, database: Path
) -> None:
    owner_services.accounts.sign_out()
    raw = sqlite3.connect(database)
    raw.execute("UPDATE practitioner SET role = 'practitioner'")
    raw.commit()
    raw.close()
    assert not owner_services.accounts.needs_owner()
    with pytest.raises(NotAllowedError):
        owner_services.accounts.create_owner(CLINIC, OWNER, "mallory", "another fine phrase")


def test_wrong_current_passwords_count_as_failures(
    owner_services: AppServices, clock: FixedClock
) -> None:
    with pytest.raises(ValidationError, match="current password"):
        owner_services.accounts.change_password("not it at all", "brand new phrase 1")
    with pytest.raises(ValidationError, match="wait"):
        owner_services.accounts.change_password(OWNER_PASSWORD, "brand new phrase 1")
    with owner_services.store.read() as s:
        assert s.audit.entries()[-1].action == "login_failed"


def test_the_owner_resets_others_not_themselves(owner_services: AppServices) -> None:
    owner = owner_services.accounts.current
    assert owner is not None
    with pytest.raises(NotAllowedError):
        owner_services.accounts.reset_password(owner.id, "another fine phrase")


def test_a_new_recovery_key_replaces_the_old(services: AppServices) -> None:
    old = services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    new = services.accounts.new_recovery_key()
    assert new != old
    services.accounts.sign_out()
    with pytest.raises(SignInError, match="not this clinic's recovery key"):
        services.accounts.recover("amira", old, "forgotten no more 1")
    services.accounts.recover("amira", new, "forgotten no more 1")


def test_the_owner_cannot_disable_itself(owner_services: AppServices) -> None:
    owner = owner_services.accounts.current
    assert owner is not None
    with pytest.raises(NotAllowedError):
        owner_services.accounts.disable(owner.id)


def test_changing_a_password_rewraps_only_that_account(
    owner_services: AppServices, clock: FixedClock
) -> None:
    accounts = owner_services.accounts
    ben = accounts.add_account(BEN, "ben", BEN_PASSWORD)
    with owner_services.store.read() as s:
        ben_wrap = s.accounts.wrap("password", ben.id)
    with pytest.raises(ValidationError, match="current password"):
        accounts.change_password("not mine at all", "brand new phrase 1")
    clock.set(clock.now() + timedelta(seconds=2))
    with pytest.raises(ValidationError):
        accounts.change_password(OWNER_PASSWORD, "short")
    accounts.change_password(OWNER_PASSWORD, "brand new phrase 1")
    with owner_services.store.read() as s:
        assert s.accounts.wrap("password", ben.id) == ben_wrap
    accounts.sign_out()
    with pytest.raises(SignInError):
        accounts.sign_in("amira", OWNER_PASSWORD)
    clock.set(clock.now() + timedelta(seconds=2))
    accounts.sign_in("amira", "brand new phrase 1")


def test_recovery_key_sets_a_new_password(services: AppServices) -> None:
    recovery = services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    services.clients.add(ZOE)
    services.accounts.sign_out()
    with pytest.raises(SignInError, match="recovery key"):
        services.accounts.recover("amira", "AAAA-BBBB", "forgotten no more 1")
    services.accounts.recover("amira", recovery.lower(), "forgotten no more 1")
    assert [c.given_name for c in services.clients.summaries()] == ["Zoë"]
    services.accounts.sign_out()
    services.accounts.sign_in("amira", "forgotten no more 1")
    assert "recovery" in audit_actions(services)


def test_lock_remembers_who_and_forgets_the_key(owner_services: AppServices) -> None:
    accounts = owner_services.accounts
    accounts.lock()
    assert accounts.current is None
    assert accounts.locked_account is not None
    assert accounts.locked_account.username == "amira"
    assert not owner_services.store.unlocked
    accounts.sign_in("amira", OWNER_PASSWORD, unlocking=True)
    assert audit_actions(owner_services)[-2:] == ["lock", "unlock"]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "at least 10"),
        ("amira12345678", "user name"),
        ("aaaaaaaaaaaa", "harder to guess"),
        (" padded phrase ", "space"),
        ("1234567890", "harder to guess"),
        ("abcdefghijk", "harder to guess"),
        ("Password123!", "harder to guess"),
        ("qwertyuiop12", "harder to guess"),
    ],
)
def test_weak_passwords_are_refused(services: AppServices, password: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        services.accounts.create_owner(CLINIC, OWNER, "amira", password)
