import logging
import sys

import pytest
from pytestqt.qtbot import QtBot

from mneedle_desktop.ui.error_hook import UnexpectedErrorHook
from tests.ui.scripted_dialogs import ScriptedDialogs


def failing_slot() -> None:
    raise ValueError("Zoe Walker answered yes to keloids")


def test_an_escaped_error_is_logged_without_its_message_and_shown_once(
    qtbot: QtBot, dialogs: ScriptedDialogs, caplog: pytest.LogCaptureFixture
) -> None:
    hook = UnexpectedErrorHook(dialogs)
    try:
        failing_slot()
    except ValueError:
        kind, error, tb = sys.exc_info()
        assert kind is not None
        assert error is not None
        with caplog.at_level(logging.ERROR, logger="mneedle_desktop"):
            hook(kind, error, tb)
    assert "ValueError" in caplog.text
    assert "failing_slot" in caplog.text, "where it happened"
    assert "Zoe" not in caplog.text
    assert "keloid" not in caplog.text
    [message] = dialogs.messages
    assert message.kind == "error"
    assert "ValueError" in message.text
    assert "Zoe" not in message.text
