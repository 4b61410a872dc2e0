"""A whole consultation done with the keyboard alone, from the first page to a saved PDF.

Every action is a key press sent to the widget that has the focus, as a practitioner
who cannot use a pointer would work: Tab, arrows, Space, Enter, Alt+mnemonics and
typing. Only reads (never writes) touch the widgets directly, to know where we are.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget, QWizardPage
from pytestqt.qtbot import QtBot

from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.screening import Outcome
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.form_widgets import YesNo
from mneedle_desktop.ui.pdf_export import OPEN_FILE
from mneedle_desktop.ui.wizard.areas_page import AreasPage
from mneedle_desktop.ui.wizard.consent_page import ConsentPage
from mneedle_desktop.ui.wizard.countersign_page import CountersignPage
from mneedle_desktop.ui.wizard.history_page import HistoryPage
from mneedle_desktop.ui.wizard.page_ids import PageId
from mneedle_desktop.ui.wizard.plan_page import PlanPage
from mneedle_desktop.ui.wizard.screening_page import ScreeningPage
from mneedle_desktop.ui.wizard.skin_page import SkinPage
from mneedle_desktop.ui.wizard.wizard import ConsultationWizard
from tests.ui.scripted_dialogs import ScriptedDialogs
from tests.ui.typing import type_text

MNEMONIC_DELAY_MS = 300  # a mnemonic acts after a short timer
P = TypeVar("P", bound=QWizardPage)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__} {name!r}"


def press(
    qtbot: QtBot,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def mnemonic(qtbot: QtBot, letter: Qt.Key) -> None:
    press(qtbot, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(MNEMONIC_DELAY_MS)


def tab_until(
    qtbot: QtBot, reached: Callable[[QWidget | None], bool], what: str, limit: int = 80
) -> QWidget:
    """Press Tab until the focus satisfies `reached`; fail naming where it stopped."""
    seen: list[str] = []
    for _ in range(limit):
        if reached(QApplication.focusWidget()):
            return focused()
        seen.append(describe(QApplication.focusWidget()))
        press(qtbot, Qt.Key.Key_Tab)
    if reached(QApplication.focusWidget()):
        return focused()
    pytest.fail(f"Tab never reached {what}; the focus went through: {seen[:30]}")


def tab_to(qtbot: QtBot, target: QWidget, limit: int = 80) -> None:
    tab_until(qtbot, lambda w: w is target, describe(target), limit)


def choose_by_down(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    """With the focus on a closed combo box, press Down until it shows `data`."""
    assert focused() is combo
    for _ in range(combo.count() + 1):
        if combo.currentData() == data:
            return
        press(qtbot, Qt.Key.Key_Down)
    pytest.fail(f"Down never reached {data!r} in {describe(combo)}")


def answer(qtbot: QtBot, yes: QWidget, no: QWidget, what: str, *, choose_yes: bool) -> None:
    """A Yes/No pair is one Tab stop: reach it, move to the answer with the arrows and
    tick it with Space."""
    tab_until(qtbot, lambda w: w in (yes, no), what)
    target, arrow = (yes, Qt.Key.Key_Left) if choose_yes else (no, Qt.Key.Key_Right)
    if focused() is not target:
        press(qtbot, arrow)
    assert focused() is target
    press(qtbot, Qt.Key.Key_Space)


def next_page(qtbot: QtBot, w: ConsultationWizard, kind: type[P]) -> P:
    """Enter presses the wizard's default button, Next."""
    before = w.currentId()
    press(qtbot, Qt.Key.Key_Return)
    assert w.currentId() != before, f"Enter did not leave page {PageId(before).name}"
    page = w.currentPage()
    assert isinstance(page, kind)
    return page


def test_a_whole_consultation_with_the_keyboard_only(
    qtbot: QtBot,
    wizard: ConsultationWizard,
    owner_services: AppServices,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    assert wizard.currentId() == PageId.CLIENT

    history = next_page(qtbot, wizard, HistoryPage)
    for qid, row in history.rows.items():
        answer(qtbot, row.yes, row.no, f"the history question {qid}", choose_yes=False)
        assert row.no.isChecked()

    skin = next_page(qtbot, wizard, SkinPage)
    mnemonic(qtbot, Qt.Key.Key_S)
    assert skin.use_direct.isChecked()
    tab_to(qtbot, skin.direct)
    choose_by_down(qtbot, skin.direct, 2)

    areas = next_page(qtbot, wizard, AreasPage)
    tab_to(qtbot, areas.checks["cheeks"])
    press(qtbot, Qt.Key.Key_Space)
    panel = areas.panels["cheeks"]
    assert panel.isVisible()
    tab_to(qtbot, panel.thickness)
    choose_by_down(qtbot, panel.thickness, "thick")
    tab_to(qtbot, panel.scar_type)
    choose_by_down(qtbot, panel.scar_type, "rolling")

    screening = next_page(qtbot, wizard, ScreeningPage)
    assert wizard.draft.assessment.decision.outcome is Outcome.SUITABLE
    for box in screening.precaution_checks.values():
        tab_to(qtbot, box)
        press(qtbot, Qt.Key.Key_Space)

    plan = next_page(qtbot, wizard, PlanPage)
    mnemonic(qtbot, Qt.Key.Key_D)
    choose_by_down(qtbot, plan.device, "pen_steel")
    mnemonic(qtbot, Qt.Key.Key_A)
    assert focused() is plan.anaesthetic_yes, "Alt+A goes to the anaesthetic question"
    assert plan.anaesthetic.value() is None, "without answering it"
    answer(qtbot, plan.anaesthetic_yes, plan.anaesthetic_no, "topical anaesthetic", choose_yes=True)
    mnemonic(qtbot, Qt.Key.Key_T)
    assert focused() is plan.patch_yes, "Alt+T goes to the test patch question"
    assert plan.patch.value() is None, "without answering it"
    answer(qtbot, plan.patch_yes, plan.patch_no, "test patch", choose_yes=False)
    for box in plan.warning_checks.values():
        tab_to(qtbot, box)
        press(qtbot, Qt.Key.Key_Space)
    assert plan.isComplete()

    consent = next_page(qtbot, wizard, ConsentPage)
    tab_to(qtbot, consent.text)
    press(qtbot, Qt.Key.Key_End)
    for box in consent.statements.values():
        tab_to(qtbot, box)
        press(qtbot, Qt.Key.Key_Space)
        assert box.isChecked()
    clinical: YesNo = consent.photo_clinical
    answer(qtbot, clinical.yes, clinical.no, "the clinical photo question", choose_yes=True)
    marketing: YesNo = consent.photo_marketing
    answer(qtbot, marketing.yes, marketing.no, "the marketing photo question", choose_yes=False)
    tab_to(qtbot, consent.electronic)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, consent.client_box.pad)
    type_text(focused(), "Zoe Orsted")
    assert consent.client_box.pad.problem() is None
    assert consent.isComplete()

    countersign = next_page(qtbot, wizard, CountersignPage)
    tab_to(qtbot, countersign.box.pad)
    type_text(focused(), "Amira Khan")
    assert countersign.isComplete()

    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.DONE
    pdf = tmp_path / "consultation.pdf"
    dialogs.save_paths.append(pdf)
    dialogs.choices.append(OPEN_FILE)
    mnemonic(qtbot, Qt.Key.Key_S)

    assert wizard.result() == QDialog.DialogCode.Accepted
    [summary] = owner_services.consultations.history(wizard.consultation.client_id)
    assert summary.status is ConsultationStatus.SIGNED
    assert pdf.read_bytes().startswith(b"%PDF")
    record = owner_services.consultations.open(wizard.consultation.id).record
    assert [(s.role.value, s.typed) for s in record.signatures] == [
        ("client", True),
        ("practitioner", True),
    ]
    assert len(record.medical_history) == len(history.rows)
