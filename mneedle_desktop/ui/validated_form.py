"""A form layout that marks required fields and shows each validation message under its field."""

import sys
from collections.abc import Mapping
from typing import cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from mneedle_desktop.ui.alignment import RIGHT, VCENTER, set_alignment
from mneedle_desktop.ui.form_widgets import error_label, grow_to_fit

REQUIRED_MARK = " *"


def widget_position(layout: QFormLayout, widget: QWidget) -> tuple[int, QFormLayout.ItemRole]:
    """The row and column of ``widget`` in ``layout`` (PySide6's stubs type it ``object``)."""
    return cast(tuple[int, QFormLayout.ItemRole], layout.getWidgetPosition(widget))


class ValidatedForm:
    """Rows of ``label: widget`` with an error line under each widget.

    Errors are shown as words (not colour alone) and set as the widget's accessible
    description, so a screen reader announces them too. A field's error line is made the
    first time it has an error: most forms are filled in without one, and a form's first
    drawing is quicker without a hidden row under every field.
    """

    def __init__(self, layout: QFormLayout) -> None:
        self.layout = layout
        layout.setVerticalSpacing(8)
        layout.setHorizontalSpacing(16)
        if sys.platform == "darwin":  # macOS keeps its style's own habit
            from PySide6.QtWidgets import QStyle  # its enums take 6 ms to build

            self._label_alignment = QApplication.style().styleHint(
                QStyle.StyleHint.SH_FormLayoutLabelAlignment
            )
        else:
            self._label_alignment = RIGHT | VCENTER
            set_alignment(layout, self._label_alignment, property_name="labelAlignment")
        self._labels: list[QLabel] = []
        self._widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._descriptions: dict[str, str] = {}

    def add(self, field: str, label: str, widget: QWidget, *, required: bool = False) -> None:
        text = label + (REQUIRED_MARK if required else "")
        row_label = QLabel(text)
        row_label.setBuddy(widget)
        set_alignment(row_label, self._label_alignment)
        self._labels.append(row_label)
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", ""))
        if required:
            widget.setAccessibleDescription(QCoreApplication.translate("Form", "Required"))
        self._descriptions[field] = widget.accessibleDescription()
        self._clear_on_edit(field, widget)
        self.layout.addRow(row_label, widget)
        self._widgets[field] = widget

    def _error_line(self, field: str) -> QLabel:
        """The line under ``field`` for its message, made on first use."""
        error = self._errors.get(field)
        if error is None:
            row, _role = widget_position(self.layout, self._widgets[field])
            error = error_label()
            error.setObjectName(f"error_{field}")
            self.layout.insertRow(row + 1, "", error)
            self._errors[field] = error
        return error

    def _clear_on_edit(self, field: str, widget: QWidget) -> None:
        """A message goes away as soon as its field is changed."""
        signal = None
        if isinstance(widget, QLineEdit):
            signal = widget.textEdited
        elif isinstance(widget, QPlainTextEdit):
            signal = widget.textChanged
        elif isinstance(widget, QComboBox):
            signal = widget.currentTextChanged
        if signal is not None:
            signal.connect(lambda *_: self._clear_field(field))

    def _clear_field(self, field: str) -> None:
        label = self._errors.get(field)
        if label is None or label.isHidden():
            return
        label.clear()
        self.layout.setRowVisible(label, False)
        self._widgets[field].setAccessibleDescription(self._descriptions[field])

    @staticmethod
    def align_labels(*forms: "ValidatedForm") -> None:
        """Give the label columns of several forms one width, so their fields line up."""
        labels = [label for form in forms for label in form._labels]
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    def shows(self, field: str) -> bool:
        """True when ``field`` is one of this form's rows."""
        return field in self._widgets

    def widget(self, field: str) -> QWidget:
        return self._widgets[field]

    def error_text(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Show each message under its field; focus the first field with an error."""
        self.clear_errors()
        first: QWidget | None = None
        for field, message in errors.items():
            if not self.shows(field):
                continue
            label = self._error_line(field)
            label.setText(message)
            self.layout.setRowVisible(label, True)
            widget = self._widgets[field]
            widget.setAccessibleDescription(message)
            if first is None:
                first = widget
        if first is not None:
            first.setFocus()
        parent = self.layout.parentWidget()
        if parent is not None:
            grow_to_fit(parent.window())

    def clear_errors(self) -> None:
        for field in self._errors:
            self._clear_field(field)
