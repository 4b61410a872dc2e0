"""A check box whose words wrap onto several lines."""

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget


class WrappingCheckBox(QWidget):
    """A check box whose words wrap onto several lines (QCheckBox's do not); clicking the
    words ticks it too. ``box`` is the real check box (keyboard focus, accessible name)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        self.label = _PressableLabel(text)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.label.pressed.connect(self._on_label_pressed)

    @Slot()
    def _on_label_pressed(self) -> None:
        if self.box.isEnabled():
            self.box.toggle()
            self.box.setFocus()


class _PressableLabel(QLabel):
    """A label that says when it is pressed (a signal, not a method patched onto the
    label, which made a reference cycle the cycle collector had to break)."""

    pressed = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.pressed.emit()
