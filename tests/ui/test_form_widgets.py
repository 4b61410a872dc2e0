"""Small form pieces, driven with the mouse."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mneedle_desktop.ui.form_widgets import WrappingCheckBox


def test_clicking_a_wrapping_check_boxs_words_ticks_it(qtbot: QtBot) -> None:
    check = WrappingCheckBox("I have read the aftercare and will follow it for two weeks.")
    qtbot.addWidget(check)
    check.show()
    qtbot.mouseClick(check.label, Qt.MouseButton.LeftButton)
    assert check.box.isChecked()
    assert check.box.hasFocus() or not check.isActiveWindow()
    qtbot.mouseClick(check.label, Qt.MouseButton.LeftButton)
    assert not check.box.isChecked()
    check.box.setEnabled(False)
    qtbot.mouseClick(check.label, Qt.MouseButton.LeftButton)
    assert not check.box.isChecked(), "a disabled box stays as it is"
