"""The alignments the first windows set as numbers are Qt's, and they take effect."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from mneedle_desktop.ui import alignment


def test_the_numbers_are_qts_own() -> None:
    assert Qt.AlignmentFlag.AlignRight.value == alignment.RIGHT
    assert Qt.AlignmentFlag.AlignHCenter.value == alignment.HCENTER
    assert Qt.AlignmentFlag.AlignVCenter.value == alignment.VCENTER


def test_a_label_and_a_form_take_the_alignment(qtbot: QtBot) -> None:
    label = QLabel("MNeedle Desktop")
    qtbot.addWidget(label)
    alignment.set_alignment(label, alignment.HCENTER | alignment.VCENTER)
    assert label.alignment() == Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
    form = QFormLayout()
    alignment.set_alignment(
        form, alignment.RIGHT | alignment.VCENTER, property_name="labelAlignment"
    )
    assert form.labelAlignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def test_a_property_the_object_lacks_is_an_error(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    with pytest.raises(ValueError, match="labelAlignment"):
        alignment.set_alignment(label, alignment.RIGHT, property_name="labelAlignment")
