import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.about import AboutInfo
from mneedle_desktop.ui.main_window import MainWindow
from mneedle_desktop.ui.none_guard import top_up
from mneedle_desktop.ui.wizard.wizard import ConsultationWizard
from tests.services.test_clients import ZOE
from tests.ui.scripted_dialogs import ScriptedDialogs
from tests.ui.wizard_support import close_quietly


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent.name == "ui":
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def window(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs, data_dir: Path
) -> Iterator[MainWindow]:
    w = MainWindow(owner_services, dialogs, AboutInfo(data_dir, 1))
    qtbot.addWidget(w)
    account = owner_services.accounts.current
    assert account is not None
    w.show_account(account)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert not dialogs.handlers, "a scripted dialog was never opened"


@pytest.fixture(autouse=True)
def collectable_again() -> Iterator[None]:
    """The main window moves the objects alive after loading its list out of the cycle
    collector's reach (ui/long_lived.py); between tests they are put back, so that one
    test's windows do not outlive it."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def none_kept_alive() -> None:
    """The tests' QApplication is pytest-qt's, not the app's, so the app's guard against
    PySide6 giving up references to None (ui/none_guard.py) runs here before each test."""
    top_up()


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Window sizes are remembered in QSettings: keep the tests' away from the user's."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture
def wizard(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs
) -> ConsultationWizard:
    """A new consultation for Zoë, shown at its first page."""
    client = owner_services.clients.add(ZOE)
    consultation = owner_services.consultations.start(client.id)
    w = ConsultationWizard(
        owner_services.consultations,
        dialogs,
        consultation,
        clinic=owner_services.clinic.current(),
        practitioner=owner_services.accounts.current,
    )
    qtbot.addWidget(w, before_close_func=close_quietly)
    w.show()
    qtbot.waitExposed(w)
    return w
