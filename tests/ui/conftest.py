from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.main_window import AboutInfo, MainWindow
from tests.ui.scripted_dialogs import ScriptedDialogs


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
