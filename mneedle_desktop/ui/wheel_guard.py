"""Scrolling a long form must not change the answers it passes over.

A spin box or drop-down list takes the mouse wheel only once it has the keyboard focus
(clicked or tabbed into); otherwise the wheel scrolls the page as the user meant."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QAbstractSpinBox | QComboBox):
            if event.type() == QEvent.Type.Polish:
                # Not "wheel focus": the wheel alone must not make a field the current one.
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            elif event.type() == QEvent.Type.Wheel and not watched.hasFocus():
                scroller = _scrolling_ancestor(watched)
                if scroller is not None:
                    QApplication.sendEvent(scroller.viewport(), event)  # scroll the page
                    event.accept()
                else:
                    event.ignore()
                return True
        return super().eventFilter(watched, event)


def install_wheel_guard(app: QApplication) -> None:
    if app.findChild(WheelGuard) is None:
        app.installEventFilter(WheelGuard(app))


def _scrolling_ancestor(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
