from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.application import Startup
from mneedle_desktop.ui.clinic_dialog import ClinicDialog
from mneedle_desktop.ui.main_window import AboutInfo, MainWindow
from tests.ui.scripted_dialogs import ScriptedDialogs
from tests.ui.typing import type_text


def fill_setup(dialog: ClinicDialog) -> None:
    type_text(dialog.clinic_name, "Calm Skin Clinic")
    type_text(dialog.clinic_phone, "0113 496 0000")
    type_text(dialog.practitioner_name, "Amira Khan")
    dialog.profession.setCurrentText("Registered nurse")
    type_text(dialog.registration, "NMC 12A3456B")


def test_first_start_asks_for_the_clinic_then_opens_the_main_window(
    qtbot: QtBot, services: AppServices, dialogs: ScriptedDialogs, data_dir: Path
) -> None:
    startup = Startup(services, dialogs, AboutInfo(data_dir, 1))
    first = startup.first_window()
    qtbot.addWidget(first)
    assert isinstance(first, ClinicDialog)
    assert first.windowTitle() == "Set up your clinic"
    assert startup.main_window is None

    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    assert first.isVisible()
    assert "required" in first.clinic_form.error_text("clinic.name")
    assert "required" in first.practitioner_form.error_text("practitioner.registration_number")
    assert first.focusWidget() is first.clinic_name
    assert services.clinic.needs_setup()

    fill_setup(first)
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    assert not first.isVisible()
    assert isinstance(startup.main_window, MainWindow)
    qtbot.addWidget(startup.main_window)
    assert startup.main_window.isVisible()
    setup = services.clinic.current()
    assert setup is not None
    assert setup.practitioner.registration_number == "NMC 12A3456B"


def test_a_set_up_store_opens_straight_on_the_main_window(
    qtbot: QtBot, set_up_services: AppServices, dialogs: ScriptedDialogs, data_dir: Path
) -> None:
    first = Startup(set_up_services, dialogs, AboutInfo(data_dir, 1)).first_window()
    qtbot.addWidget(first)
    assert isinstance(first, MainWindow)


def test_logo_is_stored_as_png_and_unreadable_files_are_refused(
    qtbot: QtBot, set_up_services: AppServices, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    big = QImage(1200, 300, QImage.Format.Format_RGB32)
    big.fill(QColor("#2f8f83"))
    logo = tmp_path / "logo.jpg"
    assert big.save(str(logo))
    not_image = tmp_path / "notes.png"
    not_image.write_text("not an image")

    dialog = ClinicDialog(set_up_services.clinic, dialogs, first_start=False)
    qtbot.addWidget(dialog)
    dialogs.images.extend([not_image, logo])
    qtbot.mouseClick(dialog.choose_logo, Qt.MouseButton.LeftButton)
    assert dialogs.messages[-1].kind == "warn"
    assert not dialog.remove_logo.isEnabled()
    qtbot.mouseClick(dialog.choose_logo, Qt.MouseButton.LeftButton)
    assert dialog.remove_logo.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    setup = set_up_services.clinic.current()
    assert setup is not None
    assert setup.clinic.logo_png is not None
    stored = QImage.fromData(setup.clinic.logo_png)
    assert (stored.width(), stored.height()) == (600, 150)
    assert setup.clinic.logo_png.startswith(b"\x89PNG")


def test_clinic_settings_open_from_the_main_window_with_current_values(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    seen: list[str] = []

    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClinicDialog)
        seen.append(dialog.clinic_name.text())
        dialog.clinic_phone.clear()
        type_text(dialog.clinic_phone, "0113 496 9999")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    dialogs.handlers.append(script)
    window.clinic_action.trigger()
    assert seen == ["Calm Skin Clinic"]
    setup = window._services.clinic.current()
    assert setup is not None
    assert setup.clinic.phone == "0113 496 9999"


def test_enter_in_the_clinic_form_saves_it(
    qtbot: QtBot, services: AppServices, dialogs: ScriptedDialogs
) -> None:
    dialog = ClinicDialog(services.clinic, dialogs, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_setup(dialog)
    qtbot.keyClick(dialog.registration, Qt.Key.Key_Return)
    assert not services.clinic.needs_setup()
    assert dialog.result() == QDialog.DialogCode.Accepted
