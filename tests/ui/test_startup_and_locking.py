"""From a new store to the main window; signing in; locking by hand and when idle."""

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from mneedle_desktop.domain.clinic import (
    DEFAULT_AUTO_LOCK_MINUTES,
    DEFAULT_RETENTION_YEARS,
    MAX_AUTO_LOCK_MINUTES,
    ClinicProfile,
    PractitionerProfile,
)
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.domain.ids import ClinicId
from mneedle_desktop.domain.validation import FieldError, ValidationError
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.about import AboutInfo
from mneedle_desktop.ui.application import AppController
from mneedle_desktop.ui.clinic_dialog import ClinicDialog
from mneedle_desktop.ui.first_run_dialog import FirstRunDialog
from mneedle_desktop.ui.main_window import MainWindow
from mneedle_desktop.ui.recovery_key_dialog import RecoveryKeyDialog
from mneedle_desktop.ui.sign_in_dialog import SignInDialog
from tests.conftest import OWNER_PASSWORD
from tests.services.test_clients import ZOE
from tests.ui.scripted_dialogs import ScriptedDialogs
from tests.ui.showing import show_active
from tests.ui.typing import type_text


def controller_for(
    services: AppServices, dialogs: ScriptedDialogs, data_dir: Path, clock: FixedClock
) -> AppController:
    return AppController(services, dialogs, AboutInfo(data_dir, 2), clock)


def fill_first_run(dialog: FirstRunDialog) -> None:
    type_text(dialog.clinic.name, "Calm Skin Clinic")
    type_text(dialog.clinic.phone, "0113 496 0000")
    type_text(dialog.owner.full_name, "Amira Khan")
    dialog.owner.profession.setCurrentText("Registered nurse")
    type_text(dialog.owner.registration, "NMC 12A3456B")
    type_text(dialog.owner.username, "amira")
    type_text(dialog.owner.password, OWNER_PASSWORD)
    type_text(dialog.owner.password_repeat, OWNER_PASSWORD)


def shown_sign_in(qtbot: QtBot, controller: AppController) -> SignInDialog:
    """The sign-in (or lock) window the app shows now."""
    dialog = controller.sign_in
    assert isinstance(dialog, SignInDialog)
    qtbot.addWidget(dialog)
    return dialog


def active_sign_in(qtbot: QtBot, services: AppServices) -> SignInDialog:
    """A sign-in window of the set-up clinic, shown and active."""
    dialog = SignInDialog(services, "Calm Skin Clinic")
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    return dialog


def unlock_as_owner(qtbot: QtBot, lock_screen: SignInDialog) -> None:
    type_text(lock_screen.password, OWNER_PASSWORD)
    qtbot.keyClick(lock_screen.password, Qt.Key.Key_Return)


def sign_in(qtbot: QtBot, dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username.clear()
    type_text(dialog.username, username)
    type_text(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_first_start_creates_the_owner_shows_the_key_once_then_the_main_window(
    qtbot: QtBot,
    services: AppServices,
    dialogs: ScriptedDialogs,
    data_dir: Path,
    clock: FixedClock,
) -> None:
    controller = controller_for(services, dialogs, data_dir, clock)
    first = controller.first_window()
    qtbot.addWidget(first)
    assert isinstance(first, FirstRunDialog)

    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    assert first.isVisible()
    assert "required" in first.clinic.form.error_text("clinic.name")
    assert first.owner.form.error_text("password")
    assert services.accounts.needs_owner()

    fill_first_run(first)
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    assert not first.isVisible()
    key_dialog = controller.recovery_key
    assert isinstance(key_dialog, RecoveryKeyDialog)
    qtbot.addWidget(key_dialog)
    assert len(key_dialog.key_label.text().replace("-", "").replace("\n", "")) == 55
    assert not key_dialog.continue_button.isEnabled()
    qtbot.keyClick(key_dialog, Qt.Key.Key_Escape)
    assert key_dialog.isVisible(), "the key cannot be skipped"
    key_dialog.confirmed.setChecked(True)
    qtbot.mouseClick(key_dialog.continue_button, Qt.MouseButton.LeftButton)

    window = controller.main_window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert "Amira Khan" in window.signed_in_label.text()
    assert window.practitioners_action.isEnabled()


def test_the_first_run_form_asks_no_settings_and_says_what_they_start_at(
    qtbot: QtBot, services: AppServices, dialogs: ScriptedDialogs
) -> None:
    form = FirstRunDialog(services, dialogs)
    qtbot.addWidget(form)
    assert not form.findChildren(QSpinBox), "nothing to configure but the clinic and owner"
    words = " ".join(label.text() for label in form.findChildren(QLabel))
    assert f"{DEFAULT_AUTO_LOCK_MINUTES} minutes" in words
    assert f"{DEFAULT_RETENTION_YEARS} years" in words
    assert "Clinic settings" in words, "where to change them"
    fill_first_run(form)
    with qtbot.waitSignal(form.accepted, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    clinic = services.clinic.current()
    assert clinic is not None
    assert clinic.name == "Calm Skin Clinic"
    assert clinic.auto_lock_minutes == DEFAULT_AUTO_LOCK_MINUTES
    assert clinic.retention_years == DEFAULT_RETENTION_YEARS
    assert not clinic.name_in_file_names


def test_set_up_keeps_and_states_the_settings_an_earlier_version_recorded(
    qtbot: QtBot, services: AppServices, dialogs: ScriptedDialogs
) -> None:
    """The form offers again what an earlier version recorded: the settings it does not
    show are stated as they are, kept, and brought within range (an earlier version could
    store a value this one refuses, which would stop the form saving over a field it
    lacks)."""
    earlier = ClinicProfile(
        "Calm Skin",
        phone="0113 496 0000",
        auto_lock_minutes=500,
        name_in_file_names=True,
        retention_years=1,
    )
    with services.store.write() as s:
        s.clinic.insert_clinic(ClinicId("c1"), earlier, at=s.at, device_id=s.device_id)
    form = FirstRunDialog(services, dialogs)
    qtbot.addWidget(form)
    words = " ".join(label.text() for label in form.findChildren(QLabel))
    assert f"after {MAX_AUTO_LOCK_MINUTES} minutes without use" in words
    assert "kept 1 year after" in words
    assert "PDF file names include the client's name" in words
    assert form.clinic.name.text() == "Calm Skin"
    form.clinic.name.clear()
    form.clinic.phone.clear()
    fill_first_run(form)  # the clinic's name and phone typed again, the owner's account
    with qtbot.waitSignal(form.accepted, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert services.clinic.current() == replace(
        earlier, name="Calm Skin Clinic", auto_lock_minutes=MAX_AUTO_LOCK_MINUTES
    )


def test_a_set_up_refusal_no_field_shows_is_still_said(
    qtbot: QtBot,
    services: AppServices,
    dialogs: ScriptedDialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A refusal about a setting the form does not show (say, a rule a later version
    adds) comes as a message, not as nothing happening."""

    def refuse(*_args: object) -> str:
        raise ValidationError(
            [
                FieldError("clinic.name", "Clinic name is required."),
                FieldError("clinic.auto_lock_minutes", "Lock after 1 to 120 minutes."),
            ]
        )

    monkeypatch.setattr(services.accounts, "create_owner", refuse)
    form = FirstRunDialog(services, dialogs)
    qtbot.addWidget(form)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.clinic.form.error_text("clinic.name") == "Clinic name is required."
    [message] = dialogs.messages
    assert message.kind == "error"
    assert message.text == "Lock after 1 to 120 minutes."
    assert form.result() != QDialog.DialogCode.Accepted


def test_a_set_up_store_asks_for_a_password_first(
    qtbot: QtBot,
    owner_services: AppServices,
    dialogs: ScriptedDialogs,
    data_dir: Path,
    clock: FixedClock,
) -> None:
    owner_services.clients.add(ZOE)
    owner_services.accounts.sign_out()
    controller = controller_for(owner_services, dialogs, data_dir, clock)
    first = controller.first_window()
    qtbot.addWidget(first)
    assert isinstance(first, SignInDialog)
    assert "Calm Skin Clinic" in [w.text() for w in first.findChildren(type(first.message))]
    sign_in(qtbot, first, "amira", "wrong password!")
    assert first.isVisible()
    assert "not right" in first.message.text()
    assert first.password.text() == ""
    clock.set(clock.now() + timedelta(seconds=5))
    sign_in(qtbot, first, "amira", OWNER_PASSWORD)
    window = controller.main_window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 1


@pytest.fixture
def running_app(
    qtbot: QtBot,
    owner_services: AppServices,
    dialogs: ScriptedDialogs,
    data_dir: Path,
    clock: FixedClock,
) -> tuple[AppController, MainWindow]:
    """The owner signed in, on the main window, with one client and a second practitioner."""
    owner_services.clients.add(ZOE)
    owner_services.accounts.add_account(
        PractitionerProfile("Ben Ode", "Doctor", "GMC 7654321"), "ben", "quiet harbour 42"
    )
    account = owner_services.accounts.current
    assert account is not None
    controller = controller_for(owner_services, dialogs, data_dir, clock)
    controller._on_signed_in(account)
    window = controller.main_window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return controller, window


def test_idle_time_locks_and_hides_client_data(
    qtbot: QtBot,
    running_app: tuple[AppController, MainWindow],
    owner_services: AppServices,
    dialogs: ScriptedDialogs,
    clock: FixedClock,
) -> None:
    controller, window = running_app
    type_text(window.search, "zoe")
    assert window.model.rowCount() == 1
    clock.set(clock.now() + timedelta(minutes=4, seconds=59))
    controller.idle.check()
    assert window.isVisible(), "not yet idle for 5 minutes"
    # Sleep: no timer ticks, but the wall clock moves on.
    clock.set(clock.now() + timedelta(hours=3))
    controller.idle.check()
    assert not window.isVisible()
    assert window.model.rowCount() == 0
    assert window.search.text() == ""
    assert not owner_services.store.unlocked
    lock_screen = shown_sign_in(qtbot, controller)
    assert lock_screen.windowTitle() == "Locked"
    assert lock_screen.username.text() == "amira"
    unlock_as_owner(qtbot, lock_screen)
    assert window.isVisible()
    assert window.model.rowCount() == 1
    with owner_services.store.read() as s:
        actions = [e.action for e in s.audit.entries()]
    assert actions[-2:] == ["lock", "unlock"]


def type_in_window(qtbot: QtBot, window: QWidget) -> None:
    """A key typed as the window system delivers it: to the window, then its widget."""
    handle = window.windowHandle()
    assert handle is not None
    qtbot.keyClick(handle, Qt.Key.Key_A)


def test_activity_keeps_the_app_unlocked(
    qtbot: QtBot,
    running_app: tuple[AppController, MainWindow],
    owner_services: AppServices,
    dialogs: ScriptedDialogs,
    clock: FixedClock,
) -> None:
    controller, window = running_app
    for _ in range(3):
        clock.set(clock.now() + timedelta(minutes=4))
        type_in_window(qtbot, window)
        controller.idle.check()
    assert window.isVisible()


def test_activity_counts_again_after_unlocking(
    qtbot: QtBot,
    running_app: tuple[AppController, MainWindow],
    clock: FixedClock,
) -> None:
    controller, window = running_app
    controller.lock()
    lock_screen = shown_sign_in(qtbot, controller)
    unlock_as_owner(qtbot, lock_screen)
    assert window.isVisible()
    for _ in range(3):
        clock.set(clock.now() + timedelta(minutes=4))
        type_in_window(qtbot, window)
        controller.idle.check()
    assert window.isVisible(), "typing after unlocking is activity too"
    clock.set(clock.now() + timedelta(minutes=5))
    controller.idle.check()
    assert not window.isVisible()


def test_lock_closes_dialogs_and_another_practitioner_signs_in(
    qtbot: QtBot,
    running_app: tuple[AppController, MainWindow],
    owner_services: AppServices,
    dialogs: ScriptedDialogs,
    clock: FixedClock,
) -> None:
    controller, window = running_app
    open_dialog = ClinicDialog(owner_services.clinic, dialogs, window)
    open_dialog.show()
    qtbot.waitExposed(open_dialog)
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    window.lock_action.trigger()
    assert not open_dialog.isVisible()
    assert not window.isVisible()
    lock_screen = shown_sign_in(qtbot, controller)
    sign_in(qtbot, lock_screen, "ben", "quiet harbour 42")
    assert window.isVisible()
    assert "Ben Ode" in window.signed_in_label.text()
    assert not window.practitioners_action.isEnabled(), "only the owner manages accounts"
    assert not window.clinic_action.isEnabled()
    assert window.model.rowCount() == 1
    with owner_services.store.read() as s:
        assert [e.action for e in s.audit.entries()][-2:] == ["lock", "login"]


def test_the_recovery_page_says_what_is_wrong_under_the_field_to_mend(
    qtbot: QtBot, owner_services: AppServices
) -> None:
    dialog = active_sign_in(qtbot, owner_services)
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    form = dialog.recovery_form
    qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    assert form.error_text("username") == "Type your user name."
    assert form.error_text("recovery_key") == "Type the recovery key."
    type_text(dialog.recovery_username, "nobody")
    type_text(dialog.recovery_key, "ABCD-EFGH")
    qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    assert form.error_text("username") == "There is no account with that user name."
    assert form.error_text("recovery_key") == ""
    dialog.recovery_username.clear()
    type_text(dialog.recovery_username, "amira")
    qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    assert form.error_text("username") == ""
    assert "check it and type it again" in form.error_text("recovery_key")


def test_recovery_key_from_the_sign_in_window(
    qtbot: QtBot,
    services: AppServices,
    dialogs: ScriptedDialogs,
    data_dir: Path,
    clock: FixedClock,
) -> None:
    from tests.conftest import CLINIC, OWNER

    recovery = services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    services.accounts.sign_out()
    controller = controller_for(services, dialogs, data_dir, clock)
    dialog = controller.first_window()
    assert isinstance(dialog, SignInDialog)
    qtbot.addWidget(dialog)
    type_text(dialog.username, "amira")
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.recovery_username.text() == "amira"
    type_text(dialog.recovery_key, recovery)
    type_text(dialog.new_password, "fresh start 2026")
    type_text(dialog.new_password_repeat, "fresh start 2026")
    qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    assert controller.main_window is not None
    qtbot.addWidget(controller.main_window)
    services.accounts.sign_out()
    services.accounts.sign_in("amira", "fresh start 2026")


def test_clinic_logo_is_stored_as_png_and_unreadable_files_are_refused(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    big = QImage(1200, 300, QImage.Format.Format_RGB32)
    big.fill(QColor("#2f8f83"))
    logo = tmp_path / "logo.jpg"
    assert big.save(str(logo))
    not_image = tmp_path / "notes.png"
    not_image.write_text("not an image")
    dialog = ClinicDialog(owner_services.clinic, dialogs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialogs.images.extend([not_image, logo])
    qtbot.mouseClick(dialog.fields.choose_logo, Qt.MouseButton.LeftButton)
    assert dialogs.messages[-1].kind == "warn"
    qtbot.mouseClick(dialog.fields.choose_logo, Qt.MouseButton.LeftButton)
    dialog.fields.auto_lock.setValue(10)
    qtbot.keyClick(dialog.fields.phone, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    profile = owner_services.clinic.current()
    assert profile is not None
    assert profile.logo_png is not None
    assert profile.logo_png.startswith(b"\x89PNG")
    stored = QImage.fromData(profile.logo_png)
    assert (stored.width(), stored.height()) == (600, 150)
    assert profile.auto_lock_minutes == 10


def test_ctrl_l_locks_even_from_a_dialog_on_top(
    qtbot: QtBot,
    running_app: tuple[AppController, MainWindow],
    owner_services: AppServices,
    dialogs: ScriptedDialogs,
    qapp: QApplication,
) -> None:
    controller, window = running_app
    on_top = ClinicDialog(owner_services.clinic, dialogs, window)
    on_top.setModal(True)  # as it opens from the menu: the main window's shortcut is blocked
    on_top.show()
    on_top.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is on_top)
    handle = on_top.windowHandle()  # typed as the window system delivers it
    assert handle is not None
    qtbot.keyClick(handle, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not owner_services.store.unlocked
    assert not on_top.isVisible()
    assert controller.sign_in is not None
    qtbot.addWidget(controller.sign_in)


def test_unlocking_gives_back_the_search_and_selection(
    qtbot: QtBot,
    running_app: tuple[AppController, MainWindow],
) -> None:
    controller, window = running_app
    type_text(window.search, "zoe")
    window.table.selectRow(0)
    selected = window.selected_client_id()
    controller.lock()
    assert window.search.text() == ""
    lock_screen = shown_sign_in(qtbot, controller)
    unlock_as_owner(qtbot, lock_screen)
    assert window.search.text() == "zoe"
    assert window.selected_client_id() == selected


def test_a_new_idle_time_applies_at_once(
    qtbot: QtBot,
    running_app: tuple[AppController, MainWindow],
    dialogs: ScriptedDialogs,
) -> None:
    controller, window = running_app

    def one_minute(dialog: QDialog) -> None:
        assert isinstance(dialog, ClinicDialog)
        dialog.fields.auto_lock.setValue(1)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    dialogs.handlers.append(one_minute)
    window.clinic_action.trigger()
    assert controller.idle.idle_for == timedelta(minutes=1)


def test_escape_on_the_sign_in_window_quits_but_on_recovery_goes_back(
    qtbot: QtBot, owner_services: AppServices
) -> None:
    dialog = SignInDialog(owner_services, "Calm Skin Clinic")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.pages.currentWidget() is dialog.sign_in_page
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_enter_signs_in_after_the_button_was_clicked_once(
    qtbot: QtBot, owner_services: AppServices, clock: FixedClock
) -> None:
    """A wrong password clicked, the right one typed: Enter signs in (it did nothing once
    the button had been clicked)."""
    owner_services.accounts.sign_out()
    dialog = active_sign_in(qtbot, owner_services)
    type_text(dialog.username, "amira")
    type_text(dialog.password, "not the password at all")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "not right" in dialog.message.text()
    clock.set(clock.now() + timedelta(seconds=5))  # past the pause after a wrong password
    type_text(dialog.password, OWNER_PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_enter_creates_the_account_after_the_button_was_clicked_once(
    qtbot: QtBot, services: AppServices, dialogs: ScriptedDialogs
) -> None:
    form = FirstRunDialog(services, dialogs)
    qtbot.addWidget(form)
    show_active(qtbot, form)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "required" in form.clinic.form.error_text("clinic.name")
    fill_first_run(form)
    with qtbot.waitSignal(form.accepted, timeout=5000):
        qtbot.keyClick(form.owner.password_repeat, Qt.Key.Key_Return)
    assert not services.first_start.needs_owner()


def test_forgot_and_back_put_the_cursor_in_the_first_field_to_fill(
    qtbot: QtBot, owner_services: AppServices
) -> None:
    dialog = active_sign_in(qtbot, owner_services)
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.recovery_username.hasFocus(), "no user name typed yet"
    assert not dialog._intro.isVisible(), "the sign-in words are not above the recovery's"
    key_width = dialog.fontMetrics().horizontalAdvance("-".join(["ABCD"] * 14))
    assert dialog.recovery_key.width() >= key_width, "the whole key in view"
    # The width it asks for (adjustSize caps what it gets at 2/3 of the screen).
    assert dialog.sizeHint().width() < 800, "and the window no wider than that needs"
    dialog.reject()  # Back
    assert dialog.username.hasFocus()
    type_text(dialog.username, "amira")
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.recovery_key.hasFocus(), "the user name was carried over"


def test_the_lock_window_keeps_to_its_contents(qtbot: QtBot, owner_services: AppServices) -> None:
    """The cursor in the password, and the window sized to its words at its width: no gap
    above the buttons (its two-line message, and the recovery page it does not show, once
    made it taller), room for a wrong password's message, and the same size and place
    after a visit to the recovery page."""
    account = owner_services.accounts.current
    assert account is not None
    dialog = SignInDialog(owner_services, "Calm Skin Clinic", locked_by=account)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert dialog.password.hasFocus(), "the password typed goes where it is hidden"

    def gap_above_buttons() -> int:
        bottom = dialog.password.mapTo(dialog, dialog.password.rect().bottomLeft()).y()
        if dialog.message.isVisible():
            bottom = dialog.message.mapTo(dialog, dialog.message.rect().bottomLeft()).y()
        top = dialog.sign_in_button.mapTo(dialog, dialog.sign_in_button.rect().topLeft()).y()
        return top - bottom

    assert 0 < gap_above_buttons() <= 16
    size, centre = dialog.size(), dialog.geometry().center()

    type_text(dialog.password, "not the password at all")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible()
    assert dialog.message.height() >= dialog.message.heightForWidth(dialog.message.width())
    assert dialog.password.height() >= dialog.password.sizeHint().height(), "nothing squeezed"
    assert 0 < gap_above_buttons() <= 16

    dialog.message.hide()  # as when signing in again
    dialog.adjustSize()
    dialog.resize(size)
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.width() > size.width(), "the recovery page is wider"
    assert (dialog.geometry().center() - centre).manhattanLength() <= 8, "and stays centred"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # back
    assert dialog.size() == size, "back to the sign-in page's own size"
    assert (dialog.geometry().center() - centre).manhattanLength() <= 8


def test_clinic_settings_say_when_records_are_kept_shorter_than_guidance(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs
) -> None:
    dialog = ClinicDialog(owner_services.clinic, dialogs)
    qtbot.addWidget(dialog)
    dialog.show()
    hint = dialog.fields.retention_hint
    assert not hint.isVisible(), "the default period is the guidance"
    dialog.fields.retention.setValue(DEFAULT_RETENTION_YEARS - 1)
    assert hint.isVisible()
    assert f"{DEFAULT_RETENTION_YEARS} years" in hint.text()
    dialog.fields.retention.setValue(DEFAULT_RETENTION_YEARS + 2)
    assert not hint.isVisible()
    dialogs.confirm_answers.append(True)  # closing: discard the change
