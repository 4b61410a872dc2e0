"""Small form pieces, driven with the mouse."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from mneedle_desktop.ui.wrapping_check_box import WrappingCheckBox


def test_clicking_a_wrapping_check_boxs_words_ticks_it(qtbot: QtBot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    other = QLineEdit()
    check = WrappingCheckBox("I have read the aftercare and will follow it for two weeks.")
    layout = QVBoxLayout(form)
    layout.addWidget(other)
    layout.addWidget(check)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    other.setFocus()
    qtbot.mouseClick(check.label, Qt.MouseButton.LeftButton)
    assert check.box.isChecked()
    assert check.box.hasFocus(), "the box takes the focus, as a click on it would"
    qtbot.mouseClick(check.label, Qt.MouseButton.LeftButton)
    assert not check.box.isChecked()
    check.box.setEnabled(False)
    qtbot.mouseClick(check.label, Qt.MouseButton.LeftButton)
    assert not check.box.isChecked(), "a disabled box stays as it is"
