"""A form's validation messages: each under its own field, in words, gone once edited."""

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from mneedle_desktop.ui.validated_form import ValidatedForm, widget_position
from tests.ui.showing import show_active


def _form(qtbot: QtBot) -> tuple[QWidget, ValidatedForm, QLineEdit, QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    form = ValidatedForm(QFormLayout(window))
    name, phone = QLineEdit(), QLineEdit()
    form.add("name", "&Name", name, required=True)
    form.add("phone", "&Phone", phone)
    show_active(qtbot, window)
    return window, form, name, phone


def _row_below(form: ValidatedForm, widget: QWidget) -> QWidget | None:
    row, _role = widget_position(form.layout, widget)
    item = form.layout.itemAt(row + 1, QFormLayout.ItemRole.FieldRole)
    return item.widget() if item is not None else None


def test_a_message_shows_under_its_own_field_and_goes_once_it_is_edited(qtbot: QtBot) -> None:
    window, form, name, phone = _form(qtbot)
    assert not [w for w in window.findChildren(QLabel) if w.objectName().startswith("error_")]
    assert form.error_text("phone") == ""

    form.show_errors({"phone": "Give a phone number the clinic can call."})
    line = _row_below(form, phone)
    assert isinstance(line, QLabel)
    assert line.isVisible()
    assert line.text() == "Give a phone number the clinic can call."
    assert form.error_text("phone") == line.text()
    assert phone.accessibleDescription() == line.text(), "a screen reader hears it"
    assert phone.hasFocus(), "the cursor goes to the field to mend"
    assert _row_below(form, name) is phone, "the other field has no message"

    qtbot.keyClicks(phone, "0")
    assert form.error_text("phone") == ""
    assert not line.isVisible()
    assert phone.accessibleDescription() == ""

    form.show_errors({"name": "A name is required.", "phone": "Too short."})
    assert form.error_text("name") == "A name is required."
    name_line = _row_below(form, name)
    assert isinstance(name_line, QLabel)
    assert name_line.text() == "A name is required.", "under its own field"
    assert _row_below(form, name_line) is phone, "and the next field under it"
    assert _row_below(form, phone) is line, "the same line"
    assert line.isVisible(), "shown again"
    assert line.text() == "Too short."
    assert name.hasFocus()
    form.clear_errors()
    assert form.error_text("name") == form.error_text("phone") == ""
    assert name.accessibleDescription() == "Required"
