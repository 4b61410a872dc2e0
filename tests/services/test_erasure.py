import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from mneedle_desktop.domain.clinic import DEFAULT_RETENTION_YEARS
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.domain.retention import keep_until
from mneedle_desktop.services.acting import NotAllowedError
from mneedle_desktop.services.backups import list_backups, restore_closed_database
from mneedle_desktop.services.client_import import ImportRefusedError
from mneedle_desktop.services.clients import ErasingClientError
from mneedle_desktop.services.container import AppServices
from tests.conftest import CLINIC, FAST_KDF, OWNER_PASSWORD
from tests.services.test_backups import ADA
from tests.services.test_client_records import fill_client
from tests.services.test_clients import ZOE


def rows(database: Path, sql: str, *args: object) -> int:
    conn = sqlite3.connect(database)
    try:
        return int(conn.execute(sql, args).fetchone()[0])
    finally:
        conn.close()


def test_a_client_without_signed_records_is_erased_at_once(
    owner_services: AppServices, database: Path
) -> None:
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    owner_services.consultations.save_draft(draft, draft.record, page=1)

    outcome = owner_services.erasure.request(client.id)

    assert outcome.purged
    assert owner_services.clients.summaries() == []
    assert rows(database, "SELECT count(*) FROM client") == 0
    assert rows(database, "SELECT count(*) FROM consultation") == 0
    with owner_services.store.read() as s:
        last = s.audit.entries()[-1]
    assert (last.action, last.entity_id) == ("purge", client.id)


def test_signed_records_are_kept_until_retention_ends_then_purged(
    owner_services: AppServices, database: Path, clock: FixedClock
) -> None:
    client = fill_client(owner_services)  # two signed records, an addendum, a draft
    signed_on = clock.now().date()

    outcome = owner_services.erasure.request(client.id)

    assert not outcome.purged
    assert outcome.kept_until == keep_until(signed_on, DEFAULT_RETENTION_YEARS)
    kept = owner_services.clients.open(client.id).details
    assert (kept.family_name, kept.given_name, kept.date_of_birth) == (
        ZOE.family_name,
        ZOE.given_name,
        ZOE.date_of_birth,
    )
    assert kept.email == ""  # contact details are not under retention
    history = owner_services.consultations.history(client.id)
    assert len(history) == 2  # the draft went at once, the signed records stay
    assert owner_services.clients.summaries()[0].erasing

    clock.set(clock.now() + timedelta(days=365 * 8 - 5))
    assert owner_services.erasure.purge_due() == 0  # not yet
    clock.set(clock.now() + timedelta(days=10))
    assert owner_services.erasure.purge_due() == 1
    for table in ("client", "consultation", "document", "addendum", "purge_permit"):
        assert rows(database, f"SELECT count(*) FROM {table}") == 0, table
    assert owner_services.erasure.purge_due() == 0


def test_the_retention_period_is_the_clinics_choice(
    owner_services: AppServices, clock: FixedClock
) -> None:
    owner_services.clinic.save(replace(CLINIC, retention_years=10))
    client = fill_client(owner_services)
    outcome = owner_services.erasure.request(client.id)
    assert outcome.kept_until == keep_until(clock.now().date(), 10)


def test_signed_records_cannot_be_deleted_outside_a_purge(
    owner_services: AppServices, database: Path
) -> None:
    fill_client(owner_services)
    conn = sqlite3.connect(database)
    try:
        for sql in (
            "DELETE FROM document",
            "DELETE FROM addendum",
            "DELETE FROM consultation WHERE state = 'closed'",
        ):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(sql)
    finally:
        conn.close()


def test_only_the_owner_may_erase(owner_services: AppServices) -> None:
    from mneedle_desktop.domain.clinic import PractitionerProfile

    client = owner_services.clients.add(ZOE)
    owner_services.accounts.add_account(
        PractitionerProfile("Ben Ode", "Nurse", "NMC 2"), "ben", "quiet harbour lamp 7"
    )
    owner_services.accounts.sign_out()
    owner_services.accounts.sign_in("ben", "quiet harbour lamp 7")
    with pytest.raises(NotAllowedError):
        owner_services.erasure.request(client.id)


def test_backups_made_before_a_purge_go_at_the_next_automatic_backup(
    owner_services: AppServices, clock: FixedClock
) -> None:
    client = owner_services.clients.add(ZOE)
    for _ in range(3):
        owner_services.backups.back_up()
        clock.set(clock.now() + timedelta(days=1))
    owner_services.erasure.request(client.id)
    assert len(list_backups(owner_services.backups.folder)) == 3  # not yet: no newer one
    clock.set(clock.now() + timedelta(hours=1))
    newest = owner_services.backups.back_up()
    assert [b.path for b in list_backups(owner_services.backups.folder)] == [newest.path]


def test_retention_counts_whole_years_from_a_leap_day() -> None:
    assert keep_until(date(2024, 2, 29), 8) == date(2032, 2, 29)
    assert keep_until(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_a_client_awaiting_erasure_cannot_be_changed_or_seen_again(
    owner_services: AppServices,
) -> None:
    client = fill_client(owner_services)
    owner_services.erasure.request(client.id)
    [listed] = owner_services.clients.summaries()
    assert listed.erasing
    with pytest.raises(ErasingClientError):
        owner_services.clients.update(client.id, ZOE)
    with pytest.raises(PermissionError, match="erased"):
        owner_services.consultations.start(client.id)


def test_an_erased_client_is_not_imported_back(owner_services: AppServices, tmp_path: Path) -> None:
    client = owner_services.clients.add(ZOE)
    out = tmp_path / "old-export"
    owner_services.client_export.export_client(client.id, out)
    owner_services.erasure.request(client.id)
    with pytest.raises(ImportRefusedError, match="was erased here"):
        owner_services.client_import.import_paths([out])
    assert owner_services.clients.summaries() == []


def test_erasures_made_after_a_backup_survive_restoring_it(
    owner_services: AppServices, clock: FixedClock, database: Path
) -> None:
    gone = owner_services.clients.add(ZOE)
    waiting = fill_client(owner_services)
    backup = owner_services.backups.back_up().path
    clock.set(clock.now() + timedelta(hours=1))
    owner_services.erasure.request(gone.id)
    owner_services.erasure.request(waiting.id)

    owner_services.backups.restore(backup)

    owner_services.accounts.sign_in("amira", OWNER_PASSWORD)
    remaining = owner_services.clients.summaries()
    assert [c.id for c in remaining] == [waiting.id]
    assert remaining[0].erasing
    assert owner_services.clients.open(waiting.id).details.email == ""  # stripped again
    drafts = [
        h for h in owner_services.consultations.history(waiting.id) if h.status.value == "draft"
    ]
    assert drafts == []


def test_databases_kept_aside_before_an_erasure_go_at_the_next_backup(
    owner_services: AppServices, clock: FixedClock, database: Path
) -> None:
    client = owner_services.clients.add(ZOE)
    backup = owner_services.backups.back_up().path
    owner_services.backups.restore(backup)  # keeps the database it replaced aside
    owner_services.accounts.sign_in("amira", OWNER_PASSWORD)
    aside = list((database.parent / "set-aside").glob("*.sqlite3"))
    assert len(aside) == 1
    clock.set(clock.now() + timedelta(hours=1))
    owner_services.erasure.request(client.id)
    clock.set(clock.now() + timedelta(hours=1))
    owner_services.backups.back_up()
    assert list((database.parent / "set-aside").glob("*.sqlite3")) == []


def test_start_up_writes_nothing_when_no_erasure_is_due(
    owner_services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = fill_client(owner_services)
    owner_services.erasure.request(client.id)  # kept for years

    def no_write() -> None:
        raise AssertionError("a write was opened: it would wait for the start-up check")

    monkeypatch.setattr(owner_services.store, "write", no_write)
    assert owner_services.erasure.purge_due() == 0


def test_a_restore_keeps_erasures_and_never_deletes_later_backups(
    owner_services: AppServices, clock: FixedClock, database: Path
) -> None:
    gone = owner_services.clients.add(ZOE)
    old = owner_services.backups.back_up().path  # still holds the client erased below
    clock.set(clock.now() + timedelta(days=1))
    owner_services.erasure.request(gone.id)
    clock.set(clock.now() + timedelta(days=1))
    owner_services.clients.add(ADA)
    later = owner_services.backups.back_up().path  # made after the erasure
    assert not old.exists()  # the rotation after the purge already took it

    owner_services.backups.restore(later)  # nobody awaiting erasure: facts still carried
    owner_services.accounts.sign_in("amira", OWNER_PASSWORD)
    clock.set(clock.now() + timedelta(hours=1))
    owner_services.clients.add(ZOE)  # new work after the restore
    owner_services.backups.back_up()
    assert later.exists()  # made after the purge: kept
    assert list((database.parent / "set-aside").glob("*.sqlite3"))  # kept too
    with owner_services.store.read() as s:
        assert s.erasure.erased_at(gone.id) is not None


def test_a_restore_from_the_command_line_keeps_the_erasures(
    owner_services: AppServices, clock: FixedClock, database: Path
) -> None:
    gone = owner_services.clients.add(ZOE)
    backup = owner_services.backups.back_up().path
    clock.set(clock.now() + timedelta(hours=1))
    owner_services.erasure.request(gone.id)
    owner_services.close()

    restore_closed_database(database, backup, clock)

    reopened = AppServices.open(database, clock, kdf=FAST_KDF)
    try:
        reopened.accounts.sign_in("amira", OWNER_PASSWORD)
        assert reopened.clients.summaries() == []
    finally:
        reopened.close()


def test_nothing_is_added_to_a_client_awaiting_erasure(
    owner_services: AppServices, tmp_path: Path
) -> None:
    client = fill_client(owner_services)
    out = tmp_path / "export"
    owner_services.client_export.export_client(client.id, out)
    owner_services.erasure.request(client.id)
    with pytest.raises(ImportRefusedError, match="asked to be erased"):
        owner_services.client_import.import_paths([out])
    signed = next(
        h for h in owner_services.consultations.history(client.id) if h.status.value == "signed"
    )
    with pytest.raises(PermissionError, match="erased"):
        owner_services.consultations.add_addendum(
            owner_services.consultations.open(signed.id), "A note"
        )


def test_contact_details_back_from_a_command_line_restore_go_at_the_next_sign_in(
    owner_services: AppServices, clock: FixedClock, database: Path
) -> None:
    client = fill_client(owner_services)
    backup = owner_services.backups.back_up().path  # holds the contact details
    clock.set(clock.now() + timedelta(hours=1))
    owner_services.erasure.request(client.id)
    owner_services.close()
    restore_closed_database(database, backup, clock)
    reopened = AppServices.open(database, clock, kdf=FAST_KDF)
    try:
        reopened.accounts.sign_in("amira", OWNER_PASSWORD)
        [listed] = reopened.clients.summaries()
        assert listed.erasing
        assert reopened.clients.open(client.id).details.email == ""
    finally:
        reopened.close()


def test_start_up_purges_a_client_whose_retention_ended_and_no_one_else(
    owner_services: AppServices, database: Path, clock: FixedClock
) -> None:
    from mneedle_desktop.app import _purge_due

    erased = fill_client(owner_services)
    kept = owner_services.clients.add(ADA)
    owner_services.erasure.request(erased.id)
    _purge_due(owner_services)  # retention has not ended: nothing goes
    assert rows(database, "SELECT count(*) FROM client WHERE id = ?", erased.id) == 1

    clock.set(clock.now() + timedelta(days=365 * DEFAULT_RETENTION_YEARS + 5))
    _purge_due(owner_services)
    assert rows(database, "SELECT count(*) FROM client WHERE id = ?", erased.id) == 0
    assert [s.id for s in owner_services.clients.summaries()] == [kept.id]
