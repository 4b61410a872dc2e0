"""The forms' shared pieces."""

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mneedle_desktop.ui.form_widgets import error_label


def test_an_error_line_is_red_that_reads_in_light_and_dark_mode(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = error_label()
    qtbot.addWidget(light)
    assert light.palette().color(QPalette.ColorRole.WindowText) == QColor("#b3261e")
    assert light.wordWrap()
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    app.setPalette(dark)
    try:
        label = error_label()
        qtbot.addWidget(label)
        assert label.palette().color(QPalette.ColorRole.WindowText) == QColor("#ff8a80")
    finally:
        app.setPalette(before)
