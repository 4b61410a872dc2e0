from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.services.backups import list_backups
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.about import AboutInfo
from mneedle_desktop.ui.application import AppController
from mneedle_desktop.ui.main_window import MainWindow
from mneedle_desktop.ui.startup_recovery import offer_restore
from tests.conftest import CLINIC, FAST_KDF, OWNER, OWNER_PASSWORD
from tests.damage import PAGE, damage_middle, flip
from tests.services.test_backups import ADA
from tests.services.test_clients import ZOE
from tests.ui.scripted_dialogs import ScriptedDialogs


def listed(window: MainWindow) -> list[str]:
    return sorted(str(window.model.index(r, 1).data()) for r in range(window.model.rowCount()))


def test_back_up_now_to_a_chosen_folder(
    window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    dialogs.folders.append(usb)
    window.backups.back_up_action.trigger()
    [done] = [m for m in dialogs.messages if m.kind == "inform"]
    assert str(usb) in done.text
    assert len(list(usb.glob("*.sqlite3"))) == 1

    dialogs.folders.append(None)  # cancelled: nothing happens
    window.backups.back_up_action.trigger()
    assert len(list(usb.glob("*.sqlite3"))) == 1


def test_restore_from_the_clinic_menu_signs_everyone_out(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs, data_dir: Path
) -> None:
    owner_services.clients.add(ZOE)
    backup = owner_services.backups.back_up().path
    owner_services.clients.add(ADA)
    controller = AppController(
        owner_services, dialogs, AboutInfo(data_dir, 1), owner_services.clock
    )
    account = owner_services.accounts.current
    assert account is not None
    controller._on_signed_in(account)
    window = controller.main_window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.backups.restore_action.isEnabled()

    dialogs.files.append(backup)
    dialogs.confirm_answers.append(True)
    window.backups.restore_action.trigger()

    question = next(m for m in dialogs.messages if m.kind == "confirm")
    assert "1 client(s)" in question.text  # the backup's counts, before restoring
    assert "set-aside" in question.text
    assert not window.isVisible()
    assert controller.sign_in is not None
    assert controller.sign_in.isVisible()
    assert owner_services.accounts.current is None
    owner_services.accounts.sign_in("amira", OWNER_PASSWORD)
    assert [r.given_name for r in owner_services.clients.summaries()] == ["Zoë"]
    controller.sign_in.close()


def test_restore_is_refused_plainly_for_a_file_that_is_not_a_backup(
    window: MainWindow, dialogs: ScriptedDialogs, owner_services: AppServices, tmp_path: Path
) -> None:
    owner_services.clients.add(ZOE)
    window.refresh()
    junk = tmp_path / "holiday.sqlite3"
    junk.write_bytes(b"\x00" * 5000)
    dialogs.files.append(junk)
    window.backups.restore_action.trigger()
    [error] = [m for m in dialogs.messages if m.kind == "error"]
    assert "not a MNeedle Desktop backup" in error.text
    assert owner_services.accounts.current is not None
    assert listed(window) == ["Zoë"]


def test_the_automatic_backup_runs_after_changes_and_says_so_in_the_status_bar(
    window: MainWindow, owner_services: AppServices, clock: FixedClock
) -> None:
    window.backups.back_up_if_due()
    first = list_backups(owner_services.backups.folder)
    assert len(first) == 1
    assert "Backed up" in window.statusBar().currentMessage()
    window.backups.back_up_if_due()  # nothing changed
    assert len(list_backups(owner_services.backups.folder)) == 1
    owner_services.clients.add(ZOE)
    clock.set(clock.now() + timedelta(minutes=31))
    window.backups.back_up_if_due()
    assert len(list_backups(owner_services.backups.folder)) == 2
    assert window.backups.timer.isActive()


def names_after_reopening(database: Path, clock: FixedClock) -> list[str]:
    """The clients' given names, as the owner sees them after opening the store again."""
    reopened = AppServices.open(database, clock, kdf=FAST_KDF)
    try:
        reopened.accounts.sign_in("amira", OWNER_PASSWORD)
        return [r.given_name for r in reopened.clients.summaries()]
    finally:
        reopened.close()


def test_a_damaged_database_at_start_up_offers_the_newest_backup(
    owner_services: AppServices, database: Path, clock: FixedClock
) -> None:
    owner_services.clients.add(ZOE)
    owner_services.backups.back_up()
    owner_services.close()
    damaged = flip(database, 2 * PAGE, -PAGE, 0x77)

    quitting = ScriptedDialogs()
    quitting.choices.append(1)  # Quit
    assert not offer_restore(quitting, database, "The database is damaged.", clock)
    assert database.read_bytes() == damaged  # left exactly as it was
    assert "1 client(s)" in quitting.messages[0].text

    restoring = ScriptedDialogs()
    restoring.choices.append(0)  # Restore the backup
    assert offer_restore(restoring, database, "The database is damaged.", clock)
    assert "kept at" in restoring.messages[-1].text
    assert names_after_reopening(database, clock) == ["Zoë"]


def test_a_damaged_database_without_a_backup_is_left_as_it_is_or_restored_from_a_chosen_file(
    owner_services: AppServices, database: Path, clock: FixedClock, tmp_path: Path
) -> None:
    owner_services.clients.add(ZOE)
    usb_backup = owner_services.backups.back_up(tmp_path / "usb").path
    owner_services.close()
    database.write_bytes(database.read_bytes()[:8192])

    quitting = ScriptedDialogs()
    quitting.choices.append(1)  # Quit
    assert not offer_restore(quitting, database, "The database is damaged.", clock)
    assert "no good backup in the data folder" in quitting.messages[0].text
    assert database.stat().st_size == 8192

    choosing = ScriptedDialogs()
    choosing.choices.append(0)  # Choose a backup…
    choosing.files.append(usb_backup)
    assert offer_restore(choosing, database, "The database is damaged.", clock)
    assert names_after_reopening(database, clock) == ["Zoë"]


def test_the_database_in_use_is_not_offered_as_a_backup(
    window: MainWindow, dialogs: ScriptedDialogs, owner_services: AppServices
) -> None:
    dialogs.files.append(owner_services.store.path)
    window.backups.restore_action.trigger()
    [error] = [m for m in dialogs.messages if m.kind == "error"]
    assert "the database in use" in error.text
    assert owner_services.accounts.current is not None


def test_a_client_awaiting_erasure_is_marked_and_read_only_in_the_list(
    window: MainWindow, dialogs: ScriptedDialogs, owner_services: AppServices
) -> None:
    from tests.services.test_client_records import fill_client

    client = fill_client(owner_services)
    owner_services.erasure.request(client.id)
    window.refresh(select=client.id)
    assert window.model.index(0, 4).data() == "Erasure requested"
    assert not window.edit_client_action.isEnabled()
    assert not window.new_consultation_action.isEnabled()
    assert not window.records.erase_action.isEnabled()
    assert window.history_action.isEnabled()  # the kept records can still be read


def test_export_a_client_record_from_the_clients_menu_and_import_it(
    window: MainWindow,
    dialogs: ScriptedDialogs,
    owner_services: AppServices,
    tmp_path: Path,
) -> None:
    client = owner_services.clients.add(ZOE)
    window.refresh(select=client.id)
    assert window.records.export_action.isEnabled()
    dialogs.save_paths.append(tmp_path / "for the client")  # ".zip" is added
    window.records.export_action.trigger()
    package = tmp_path / "for the client.zip"
    assert package.is_file()
    assert "not encrypted" in dialogs.messages[-1].text

    dialogs.file_lists.append([package])
    window.records.import_action.trigger()  # the same record again: nothing added
    assert "0 client(s) and 0 consultation(s) added" in dialogs.messages[-1].text
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 broken")
    dialogs.file_lists.append([junk])
    window.records.import_action.trigger()
    assert dialogs.messages[-1].kind == "error"
    assert listed(window) == ["Zoë"]


def test_erasing_a_client_from_the_clients_menu(
    window: MainWindow, dialogs: ScriptedDialogs, owner_services: AppServices
) -> None:
    client = owner_services.clients.add(ZOE)
    window.refresh(select=client.id)
    assert window.records.erase_action.isEnabled()

    dialogs.confirm_answers.append(False)  # not confirmed: nothing happens
    window.records.erase_action.trigger()
    assert listed(window) == ["Zoë"]

    dialogs.confirm_answers.append(True)
    window.records.erase_action.trigger()
    question = [m for m in dialogs.messages if m.kind == "confirm"][-1]
    assert "no signed records" in question.text
    assert "backups" in question.text
    assert dialogs.messages[-1].text.endswith("is erased.")
    assert listed(window) == []


def test_damage_found_after_start_up_closes_the_windows_for_the_backup_offer(
    qtbot: QtBot, database: Path, clock: FixedClock, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from mneedle_desktop.ui.application import DAMAGED, run_gui

    services = AppServices.open(database, clock, kdf=FAST_KDF)
    services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    with services.store.write() as s:
        for i in range(300):
            s.record(AuditEvent("system", AuditAction.UPDATE, "test", str(i), "x" * 200))
    services.close()
    data = damage_middle(database)

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    opened = AppServices.open(database, clock, kdf=FAST_KDF, check_later=True)
    never_hang = QTimer()
    never_hang.setSingleShot(True)
    never_hang.timeout.connect(lambda: QApplication.exit(1))
    never_hang.start(10_000)
    try:
        code = run_gui(opened, AboutInfo(data_dir, opened.store.schema_version))
    finally:
        never_hang.stop()
        opened.close()
    assert code == DAMAGED
    assert database.read_bytes() == data  # nothing was written
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_the_backup_on_closing_says_so_while_it_runs(
    qtbot: QtBot, owner_services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from mneedle_desktop import app

    def notices() -> list[str]:
        labels = [w.findChild(QLabel, "qt_msgbox_label") for w in QApplication.topLevelWidgets()]
        return [label.text() for label in labels if label is not None and label.isVisible()]

    seen: list[bool] = []
    real = owner_services.backups.back_up_if_due

    def backing_up(**kwargs: object) -> object:
        seen.append(any("Backing up" in text for text in notices()))
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(owner_services.backups, "back_up_if_due", backing_up)
    app._back_up_on_close(owner_services)
    assert seen == [True]
    assert list_backups(owner_services.backups.folder)  # and it backed up
    assert notices() == []


def test_a_retention_that_ends_while_the_app_runs_purges_without_a_restart(
    window: MainWindow, owner_services: AppServices, clock: FixedClock
) -> None:
    from tests.services.test_client_records import fill_client

    client = fill_client(owner_services)
    owner_services.erasure.request(client.id)
    window.refresh()
    assert listed(window) == ["Zoë"]
    clock.set(clock.now() + timedelta(days=365 * 8 + 3))
    window.backups.back_up_if_due()  # the timer's tick
    assert listed(window) == []
    assert owner_services.clients.summaries() == []
