"""The forms' shared pieces."""

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mneedle_desktop.ui.form_widgets import error_label


def test_an_error_line_is_red_that_reads_in_light_and_dark_mode(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    try:
        for window, red in (("#f5f5f5", "#b3261e"), ("#202124", "#ff8a80")):
            palette = QPalette(before)
            palette.setColor(QPalette.ColorRole.Window, QColor(window))
            app.setPalette(palette)
            label = error_label()
            qtbot.addWidget(label)
            assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(red)
            assert label.wordWrap()
    finally:
        app.setPalette(before)
