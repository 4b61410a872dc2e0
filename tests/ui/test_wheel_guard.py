from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mneedle_desktop.domain.clinic import PROFESSIONS
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.first_run_dialog import FirstRunDialog
from mneedle_desktop.ui.wheel_guard import INSTALLED_PROPERTY, WheelGuard, install_wheel_guard
from tests.ui.scripted_dialogs import ScriptedDialogs


def wheel_down(widget: QWidget, at: QPoint | None = None) -> None:
    """A wheel notch over ``widget`` (at its centre, or at ``at`` in its coordinates),
    delivered as the window system delivers it: to the window, which passes it to the
    widget under the pointer."""
    window = widget.window()
    centre = QPointF(widget.mapTo(window, at if at is not None else widget.rect().center()))
    event = QWheelEvent(
        centre,
        QPointF(window.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    handle = window.windowHandle()
    assert handle is not None
    QApplication.sendEvent(handle, event)


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
    assert not spin.hasFocus(), "the wheel alone does not choose a field"

    area.verticalScrollBar().setValue(0)  # the spin box under the pointer again
    spin.setFocus()
    assert spin.hasFocus(), (qapp.focusWidget(), qapp.activeWindow())
    reached = WheelSpy(spin)
    wheel_down(spin)
    # Qt then passes a real wheel event on from the spin box's text to the spin box; a
    # test's event is not passed on, so it is enough that the field got it.
    assert reached.count == 1, "once chosen, the field gets the wheel"
    assert area.verticalScrollBar().value() == 0, "and the page stays where it is"


class WheelSpy(QObject):
    """Counts the wheel events that reach a widget or its children."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        for w in [widget, *widget.findChildren(QWidget)]:
            w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel:
            self.count += 1
        return False


def test_an_open_drop_down_list_scrolls_with_the_wheel(qtbot: QtBot, qapp: QApplication) -> None:
    """The open list is a window of its own, whose parent is the combo box: the guard must
    not take the list's wheel for the (unfocused) combo box's."""
    install_wheel_guard()
    form = QWidget()
    qtbot.addWidget(form)
    combo = QComboBox()
    combo.addItems([f"item {i}" for i in range(300)])  # taller than the screen: it scrolls
    QVBoxLayout(form).addWidget(combo)
    form.show()
    qtbot.waitExposed(form)
    combo.showPopup()
    popup = combo.view().window()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is popup.windowHandle())
    wheel_down(combo.view().viewport())  # the list's own window gets it
    assert combo.view().verticalScrollBar().value() > 0, "the list scrolls"
    combo.hidePopup()


def test_the_first_run_form_is_guarded_once_drawn(
    qtbot: QtBot, qapp: QApplication, services: AppServices, dialogs: ScriptedDialogs
) -> None:
    """The first window a new clinic sees holds a drop-down list (the owner's profession):
    the wheel over it must scroll the form and leave the profession as chosen. The form
    installs the guard itself, just after it is first drawn."""
    for guard in qapp.findChildren(WheelGuard):  # start as a fresh program does: unguarded
        guard.windows.stop()
        guard.deleteLater()
    qapp.setProperty(INSTALLED_PROPERTY, False)
    form = FirstRunDialog(services, dialogs)
    qtbot.addWidget(form)
    form.resize(form.width(), 320)  # a small screen: the form scrolls
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is form)
    qtbot.waitUntil(lambda: bool(qapp.property(INSTALLED_PROPERTY)))
    profession = form.owner.profession
    profession.setCurrentIndex(PROFESSIONS.index("Doctor"))
    scroller = form.findChild(QScrollArea)
    assert scroller is not None
    scroller.ensureWidgetVisible(profession)
    profession.clearFocus()
    before, scrolled = profession.currentText(), scroller.verticalScrollBar().value()
    # Over its arrow: there, unguarded, the wheel picks the next profession (over the
    # text it does nothing, guarded or not).
    wheel_down(profession, QPoint(profession.width() - 5, profession.height() // 2))
    assert profession.currentText() == before, "the profession is untouched"
    assert scroller.verticalScrollBar().value() > scrolled, "the form scrolled instead"
