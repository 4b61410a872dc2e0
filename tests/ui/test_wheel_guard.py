from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QSpinBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from mneedle_desktop.ui.wheel_guard import install_wheel_guard


def wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_past_a_spin_box_until_it_is_clicked(
    qtbot: QtBot, qapp: QApplication
) -> None:
    install_wheel_guard()
    area = QScrollArea()
    qtbot.addWidget(area)
    page = QWidget()
    column = QVBoxLayout(page)
    spin = QSpinBox()
    spin.setValue(5)
    column.addWidget(spin)
    column.addSpacing(2000)
    area.setWidget(page)
    area.resize(300, 200)
    area.show()
    area.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is area)
    spin.clearFocus()  # the window gave it the focus on opening

    wheel_down(spin)
    assert spin.value() == 5, "the answer is untouched"
    assert area.verticalScrollBar().value() > 0, "the page scrolled instead"
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus

    spin.setFocus()
    assert spin.hasFocus(), (qapp.focusWidget(), qapp.activeWindow())
    wheel_down(spin)
    assert spin.value() == 4, "once chosen, the wheel changes it"
