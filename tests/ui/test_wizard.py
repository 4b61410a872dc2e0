"""The assessment wizard driven through its real pages."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QWizard
from pytestqt.qtbot import QtBot

from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.screening import Outcome
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.main_window import MainWindow
from mneedle_desktop.ui.wizard.areas_page import AreasPage
from mneedle_desktop.ui.wizard.history_page import HistoryPage
from mneedle_desktop.ui.wizard.page_ids import PageId
from mneedle_desktop.ui.wizard.screening_page import ScreeningPage
from mneedle_desktop.ui.wizard.skin_page import SkinPage
from mneedle_desktop.ui.wizard.wizard import KEEP, ConsultationWizard
from tests.services.test_clients import ZOE
from tests.ui.scripted_dialogs import ScriptedDialogs
from tests.ui.typing import type_text


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Window sizes are remembered in QSettings: keep the tests' away from the user's."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture
def wizard(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs
) -> ConsultationWizard:
    client = owner_services.clients.add(ZOE)
    consultation = owner_services.consultations.start(client.id)
    w = ConsultationWizard(owner_services.consultations, dialogs, consultation)
    qtbot.addWidget(w, before_close_func=close_quietly)
    w.show()
    qtbot.waitExposed(w)
    return w


def close_quietly(w: object) -> None:
    """Test teardown closes windows: as the app does when it locks, keeping the draft."""
    assert isinstance(w, ConsultationWizard)
    if w.isVisible():
        w.done(QDialog.DialogCode.Rejected)


def next_page(qtbot: QtBot, w: ConsultationWizard) -> None:
    button = w.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_history(qtbot: QtBot, page: HistoryPage, yes: dict[str, dict[str, str]]) -> None:
    for qid, row in page.rows.items():
        if qid in yes:
            qtbot.mouseClick(row.yes, Qt.MouseButton.LeftButton)
            for key, value in yes[qid].items():
                field = row.dates[key]
                type_text(field, value)
                field.editingFinished.emit()
        else:
            qtbot.mouseClick(row.no, Qt.MouseButton.LeftButton)


def set_skin_type(page: SkinPage, skin_type: int) -> None:
    page.use_direct.setChecked(True)
    page.direct.setCurrentIndex(page.direct.findData(skin_type))


def choose_area(
    page: AreasPage, area: str, scar_type: str, thickness: str | None = "thick"
) -> None:
    page.checks[area].setChecked(True)
    panel = page.panels[area]
    if thickness:
        panel.thickness.setCurrentIndex(panel.thickness.findData(thickness))
    panel.scar_type.setCurrentIndex(panel.scar_type.findData(scar_type))


def walk(
    qtbot: QtBot,
    w: ConsultationWizard,
    *,
    yes: dict[str, dict[str, str]] | None = None,
    skin_type: int = 2,
    area: str = "cheeks",
    scar: str = "rolling",
) -> ScreeningPage:
    next_page(qtbot, w)  # client
    history = w.currentPage()
    assert isinstance(history, HistoryPage)
    answer_history(qtbot, history, yes or {})
    next_page(qtbot, w)
    skin = w.currentPage()
    assert isinstance(skin, SkinPage)
    set_skin_type(skin, skin_type)
    next_page(qtbot, w)
    areas = w.currentPage()
    assert isinstance(areas, AreasPage)
    choose_area(areas, area, scar, "thick" if area in ("cheeks", "chin") else None)
    next_page(qtbot, w)
    screening = w.currentPage()
    assert isinstance(screening, ScreeningPage)
    return screening


def test_a_suitable_client_is_screened_live_and_saved(
    qtbot: QtBot, wizard: ConsultationWizard, owner_services: AppServices
) -> None:
    screening = walk(qtbot, wizard)
    assert wizard.draft.assessment.decision.outcome is Outcome.SUITABLE
    assert screening.headline.text() == "Suitable"
    assert wizard.panel.title.text() == "Suitable"
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text().replace("&", "") == "Save draft"
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    stored = owner_services.consultations.open(wizard.consultation.id)
    assert stored.status is ConsultationStatus.DRAFT
    assert stored.page == PageId.SCREENING
    assert len(stored.record.medical_history) == len(
        owner_services.consultations.catalogue.questions
    )


def test_isotretinoin_two_months_ago_ends_deferred_with_the_right_date(
    qtbot: QtBot, wizard: ConsultationWizard, owner_services: AppServices, dialogs: ScriptedDialogs
) -> None:
    today = owner_services.consultations.today()
    last_dose = today - timedelta(days=61)
    walk(qtbot, wizard, yes={"isotretinoin": {"last_dose": last_dose.isoformat()}})
    decision = wizard.draft.assessment.decision
    assert decision.outcome is Outcome.DEFER
    month = last_dose.month + 6
    expected = date(last_dose.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    assert decision.eligible_from is not None
    assert (decision.eligible_from.year, decision.eligible_from.month) == (
        expected.year,
        expected.month,
    )
    assert "Not now: eligible from" in wizard.panel.title.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text().replace("&", "") == "Sign and close"
    dialogs.confirm_answers.append(True)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    [summary] = owner_services.consultations.history(wizard.consultation.client_id)
    assert summary.status is ConsultationStatus.DEFERRED


def test_a_keloid_client_ends_not_suitable(
    qtbot: QtBot, wizard: ConsultationWizard, owner_services: AppServices, dialogs: ScriptedDialogs
) -> None:
    walk(qtbot, wizard, yes={"keloid_tendency": {}}, area="chest", scar="keloid")
    assert wizard.draft.assessment.decision.outcome is Outcome.NOT_SUITABLE
    dialogs.confirm_answers.append(True)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    closed = owner_services.consultations.open(wizard.consultation.id)
    assert closed.status is ConsultationStatus.NOT_SUITABLE
    assert not closed.editable


def test_fitzpatrick_v_precaution_must_be_ticked_before_going_on(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    screening = walk(qtbot, wizard, skin_type=5)
    assert wizard.draft.assessment.decision.outcome is Outcome.SUITABLE_WITH_PRECAUTIONS
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    [box] = screening.precaution_checks.values()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert finish.isEnabled()
    assert wizard.draft.record.acknowledged_precautions == ("fitzpatrick_iv_vi",)


def test_a_future_date_is_refused_on_the_page(qtbot: QtBot, wizard: ConsultationWizard) -> None:
    next_page(qtbot, wizard)
    history = wizard.currentPage()
    assert isinstance(history, HistoryPage)
    row = history.rows["dermal_filler"]
    qtbot.mouseClick(row.yes, Qt.MouseButton.LeftButton)
    type_text(row.dates["date"], "2999-01-01")
    row.dates["date"].editingFinished.emit()
    assert "future" in row.error.text()
    assert "date" not in wizard.draft.record.medical_history["dermal_filler"].follow_ups


def test_the_draft_survives_the_wizard_being_destroyed(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs
) -> None:
    client = owner_services.clients.add(ZOE)
    consultation = owner_services.consultations.start(client.id)
    first = ConsultationWizard(owner_services.consultations, dialogs, consultation)
    qtbot.addWidget(first, before_close_func=close_quietly)
    first.show()
    next_page(qtbot, first)
    history = first.currentPage()
    assert isinstance(history, HistoryPage)
    qtbot.mouseClick(history.rows["pregnant"].no, Qt.MouseButton.LeftButton)
    next_page(qtbot, first)  # page change saves
    first.deleteLater()
    del first

    again = ConsultationWizard(
        owner_services.consultations, dialogs, owner_services.consultations.open(consultation.id)
    )
    qtbot.addWidget(again, before_close_func=close_quietly)
    again.show()
    assert again.currentId() == PageId.SKIN
    assert "pregnant" in again.draft.record.medical_history


def test_autosave_a_couple_of_seconds_after_typing(
    qtbot: QtBot, wizard: ConsultationWizard, owner_services: AppServices
) -> None:
    next_page(qtbot, wizard)
    history = wizard.currentPage()
    assert isinstance(history, HistoryPage)
    qtbot.mouseClick(history.rows["vitiligo"].no, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.draft.dirty, timeout=5000)
    stored = owner_services.consultations.open(wizard.consultation.id)
    assert "vitiligo" in stored.record.medical_history


def test_cancel_keeps_or_discards_the_draft(
    qtbot: QtBot, wizard: ConsultationWizard, owner_services: AppServices, dialogs: ScriptedDialogs
) -> None:
    dialogs.choices.append(2)  # stay
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    dialogs.choices.append(KEEP)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert owner_services.consultations.drafts()


def test_new_consultation_from_the_main_window_and_history(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    services = window._services
    client = services.clients.add(ZOE)
    window.refresh(select=client.id)
    assert window.new_consultation_action.isEnabled()

    def close_keeping(dialog: QDialog) -> None:
        assert isinstance(dialog, ConsultationWizard)
        dialogs.choices.append(KEEP)
        dialog.reject()

    dialogs.handlers.append(close_keeping)
    window.new_consultation_action.trigger()
    row = window.model.row_of(client.id)
    assert row is not None
    status = window.model.index(row, 4).data()
    assert status == "Draft"
