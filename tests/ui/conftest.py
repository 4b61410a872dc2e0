from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mneedle_desktop.domain.clinic import ClinicProfile, ClinicSetup, PractitionerProfile
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.main_window import AboutInfo, MainWindow
from tests.ui.scripted_dialogs import ScriptedDialogs

SETUP = ClinicSetup(
    ClinicProfile("Calm Skin Clinic", phone="0113 496 0000"),
    PractitionerProfile("Amira Khan", "Registered nurse", "NMC 12A3456B"),
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent.name == "ui":
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def set_up_services(services: AppServices) -> AppServices:
    services.clinic.save(SETUP)
    return services


@pytest.fixture
def window(
    qtbot: QtBot, set_up_services: AppServices, dialogs: ScriptedDialogs, data_dir: Path
) -> Iterator[MainWindow]:
    w = MainWindow(set_up_services, dialogs, AboutInfo(data_dir, 1))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert not dialogs.handlers, "a scripted dialog was never opened"
