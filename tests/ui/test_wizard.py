"""The assessment wizard driven through its real pages."""

import hashlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QWizard
from pytestqt.qtbot import QtBot

from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.record import Answer, HistoryAnswer, SignatureRole
from mneedle_desktop.domain.record_json import record_from_dict, record_to_dict
from mneedle_desktop.domain.screening import Outcome
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import StoreWriteError
from mneedle_desktop.ui.history_dialog import HistoryDialog
from mneedle_desktop.ui.main_window import MainWindow
from mneedle_desktop.ui.pdf_export import CLOSE, OPEN_FILE
from mneedle_desktop.ui.signature_pad import SignaturePad
from mneedle_desktop.ui.wizard.areas_page import AreasPage
from mneedle_desktop.ui.wizard.consent_page import ConsentPage
from mneedle_desktop.ui.wizard.countersign_page import CountersignPage
from mneedle_desktop.ui.wizard.done_page import DonePage
from mneedle_desktop.ui.wizard.history_page import HistoryPage
from mneedle_desktop.ui.wizard.page_ids import PageId
from mneedle_desktop.ui.wizard.plan_page import PlanPage
from mneedle_desktop.ui.wizard.screening_page import ScreeningPage
from mneedle_desktop.ui.wizard.skin_page import SkinPage
from mneedle_desktop.ui.wizard.wizard import DISCARD, KEEP, SIZE_KEY, ConsultationWizard
from tests.domain.records import CATALOGUE, make_record
from tests.services.test_clients import ZOE
from tests.ui.scripted_dialogs import Message, ScriptedDialogs
from tests.ui.typing import type_text
from tests.ui.wizard_support import close_quietly


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


def walk_to_areas(
    qtbot: QtBot,
    w: ConsultationWizard,
    *,
    yes: dict[str, dict[str, str]] | None = None,
    skin_type: int = 2,
) -> AreasPage:
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
    return areas


def walk(
    qtbot: QtBot,
    w: ConsultationWizard,
    *,
    yes: dict[str, dict[str, str]] | None = None,
    skin_type: int = 2,
    area: str = "cheeks",
    scar: str = "rolling",
) -> ScreeningPage:
    areas = walk_to_areas(qtbot, w, yes=yes, skin_type=skin_type)
    choose_area(areas, area, scar, "thick" if area in ("cheeks", "chin") else None)
    next_page(qtbot, w)
    screening = w.currentPage()
    assert isinstance(screening, ScreeningPage)
    return screening


def test_a_suitable_client_is_screened_live_and_saved(
    qtbot: QtBot,
    wizard: ConsultationWizard,
    owner_services: AppServices,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:
    screening = walk(qtbot, wizard)
    assert wizard.draft.assessment.decision.outcome is Outcome.SUITABLE
    assert screening.headline.text() == "Suitable"
    assert wizard.panel.title.text() == "Suitable"
    next_page(qtbot, wizard)
    plan = wizard.currentPage()
    assert isinstance(plan, PlanPage)
    assert "Proposed: 3 sessions (usual 3-6), 4 weeks apart" in plan.proposal.text()
    assert not plan.isComplete()
    fill_plan(qtbot, plan, "pen_steel")
    assert plan.depths["cheeks"].value() == 1.0  # the lower end of 1.0-2.0 mm
    assert plan.isComplete()
    next_page(qtbot, wizard)
    consent = wizard.currentPage()
    assert isinstance(consent, ConsentPage)
    assert "3 sessions about 4 weeks apart, on your cheeks" in consent.text.toPlainText()
    assert not next_enabled(wizard)
    give_consent(qtbot, consent)
    assert next_enabled(wizard)
    next_page(qtbot, wizard)
    countersign = wizard.currentPage()
    assert isinstance(countersign, CountersignPage)
    assert not next_enabled(wizard)
    draw_signature(qtbot, countersign.box.pad)
    next_page(qtbot, wizard)
    assert wizard.currentId() == PageId.DONE
    done = wizard.currentPage()
    assert isinstance(done, DonePage)
    assert (
        "Device: Motorised pen, stainless-steel cartridges; numbing cream: yes; test patch: no"
        in done.summary.text()
    )
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text().replace("&", "") == "Sign and save PDF"
    pdf = tmp_path / "chosen.pdf"
    dialogs.save_paths.append(pdf)
    dialogs.choices.append(OPEN_FILE)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert pdf.read_bytes().startswith(b"%PDF")
    assert dialogs.messages[-1] == Message("open", "", str(pdf))
    saved = dialogs.messages[-2]
    assert (saved.kind, saved.title) == ("told", "PDF saved"), "said, not asked as a question"
    save_question = next(m for m in dialogs.messages if m.kind == "save")
    assert "Zoë" not in save_question.text
    assert "Ørsted" not in save_question.text
    assert owner_services.consultations.pdf_hash(wizard.consultation.id) == (
        hashlib.sha256(pdf.read_bytes()).hexdigest()
    )
    stored = owner_services.consultations.open(wizard.consultation.id)
    assert stored.status is ConsultationStatus.SIGNED
    assert not stored.editable
    record = stored.record
    assert record.format_version == 2
    assert record.content_version == owner_services.consultations.catalogue.version
    assert record.practitioner is not None
    assert record.practitioner.registration_number == "NMC 12A3456B"
    assert [s.role.value for s in record.signatures] == ["client", "practitioner"]
    client_signature = record.signatures[0]
    assert client_signature.meaning.startswith("Client: I consent")
    assert client_signature.png.startswith(b"\x89PNG")
    assert record.consent is not None
    assert record.consent.photo_marketing is False
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
    dialogs.save_paths.append(None)  # the letter need not be saved now
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    [summary] = owner_services.consultations.history(wizard.consultation.client_id)
    assert summary.status is ConsultationStatus.DEFERRED


def test_a_keloid_client_ends_not_suitable(
    qtbot: QtBot, wizard: ConsultationWizard, owner_services: AppServices, dialogs: ScriptedDialogs
) -> None:
    walk(qtbot, wizard, yes={"keloid_tendency": {}}, area="chest", scar="keloid")
    assert wizard.draft.assessment.decision.outcome is Outcome.NOT_SUITABLE
    dialogs.confirm_answers.append(True)
    dialogs.save_paths.append(None)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    closed = owner_services.consultations.open(wizard.consultation.id)
    assert closed.status is ConsultationStatus.NOT_SUITABLE
    assert not closed.editable


def test_fitzpatrick_v_precaution_must_be_ticked_before_going_on(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    screening = walk(qtbot, wizard, skin_type=5)
    assert wizard.draft.assessment.decision.outcome is Outcome.SUITABLE_WITH_PRECAUTIONS
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    [box] = screening.precaution_checks.values()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert next_button.isEnabled()
    assert wizard.draft.record.acknowledged_precautions == ("fitzpatrick_iv_vi",)


def next_enabled(w: ConsultationWizard) -> bool:
    return w.button(QWizard.WizardButton.NextButton).isEnabled()


def draw_signature(qtbot: QtBot, pad: SignaturePad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 60))
    for x in range(40, 260, 10):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 30)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(260, 70))


def give_consent(qtbot: QtBot, page: ConsentPage) -> None:
    bar = page.text.verticalScrollBar()
    bar.setValue(bar.maximum())
    indicator = QPoint(8, 10)  # a check box toggles on its box or its words only
    for box in page.statements.values():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator)
    qtbot.mouseClick(page.photo_clinical.yes, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.photo_marketing.no, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.electronic, Qt.MouseButton.LeftButton, pos=indicator)
    draw_signature(qtbot, page.client_box.pad)


def test_an_empty_or_dot_signature_is_refused(qtbot: QtBot) -> None:
    pad = SignaturePad("Test signature")
    qtbot.addWidget(pad)
    pad.show()
    assert pad.problem() == "Sign in the box first."
    qtbot.mouseClick(pad, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert "too small" in (pad.problem() or "")
    pad.clear()
    assert pad.strokes() == ()
    draw_signature(qtbot, pad)
    assert pad.problem() is None
    assert pad.to_png().startswith(b"\x89PNG")


def test_the_pads_hint_goes_once_there_is_a_signature(qtbot: QtBot) -> None:
    pad = SignaturePad("Test signature")
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()

    def ink_under_the_line() -> int:
        image = pad.grab().toImage()
        top = pad.height() - 30  # the hint's words, under the line
        ink = QColor(pad.palette().color(QPalette.ColorRole.Base))
        return sum(
            1
            for x in range(0, pad.width(), 2)
            for y in range(top, pad.height() - 4)
            if image.pixelColor(x, y) != ink
        )

    assert ink_under_the_line() > 0, "the hint shows on an empty pad"
    draw_signature(qtbot, pad)
    assert ink_under_the_line() == 0, "and not under a signature"
    pad.clear()
    assert ink_under_the_line() > 0


def walk_to_plan(qtbot: QtBot, wizard: ConsultationWizard) -> PlanPage:
    walk(qtbot, wizard)
    next_page(qtbot, wizard)
    plan = wizard.currentPage()
    assert isinstance(plan, PlanPage)
    fill_plan(qtbot, plan, "pen_steel")
    return plan


def walk_to_consent(qtbot: QtBot, wizard: ConsultationWizard) -> tuple[PlanPage, ConsentPage]:
    plan = walk_to_plan(qtbot, wizard)
    next_page(qtbot, wizard)
    consent = wizard.currentPage()
    assert isinstance(consent, ConsentPage)
    return plan, consent


def test_a_signature_can_be_typed_by_anyone_who_cannot_use_a_pointer(qtbot: QtBot) -> None:
    pad = SignaturePad("Test signature")
    qtbot.addWidget(pad)
    pad.show()
    pad.setFocus()
    type_text(pad, "Zoë Ørsted")
    assert pad.problem() is None
    assert pad.typed()
    signature = pad.signature(SignatureRole.CLIENT, "Zoë Ørsted", "Client: I consent")
    assert signature.typed
    assert signature.png.startswith(b"\x89PNG")
    record = replace(make_record(), format_version=2, signatures=(signature,))
    [stored] = record_to_dict(record)["signatures"]
    assert stored["typed"] is True
    assert record_from_dict(record_to_dict(record), CATALOGUE).signatures[0].typed
    for _ in range(len("Zoë Ørsted")):
        qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.strokes() == ()
    assert pad.problem() == "Sign in the box first."
    type_text(pad, "Z")
    draw_signature(qtbot, pad)
    assert not pad.typed(), "drawing replaces the typed name"
    drawn = pad.signature(SignatureRole.CLIENT, "Zoë Ørsted", "Client: I consent")
    [stored] = record_to_dict(replace(make_record(), signatures=(drawn,)))["signatures"]
    assert "typed" not in stored, "a drawn signature is written as before"


def test_a_typed_signature_must_spell_the_signers_name(qtbot: QtBot) -> None:
    pad = SignaturePad("Test signature")
    qtbot.addWidget(pad)
    pad.set_signer("Zoë Ørsted")
    pad.show()
    pad.setFocus()
    type_text(pad, "ab")
    assert pad.problem() == "Type the full name: Zoë Ørsted"
    pad.clear()
    type_text(pad, "zoe orsted")
    assert pad.problem() is None, "case and accents do not matter"


def test_a_stray_key_never_wipes_a_drawn_signature(qtbot: QtBot) -> None:
    pad = SignaturePad("Test signature")
    qtbot.addWidget(pad)
    pad.show()
    draw_signature(qtbot, pad)
    drawn = pad.strokes()
    pad.setFocus()
    type_text(pad, "x")
    assert pad.strokes() == drawn
    assert not pad.typed()


def test_reopening_at_the_countersignature_keeps_the_clients_signature_as_made(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs, wizard: ConsultationWizard
) -> None:
    _plan, consent = walk_to_consent(qtbot, wizard)
    give_consent(qtbot, consent)
    next_page(qtbot, wizard)  # the countersignature page: saved there
    signed = wizard.draft.record.signature(SignatureRole.CLIENT)
    assert signed is not None
    consultation_id = wizard.consultation.id
    close_quietly(wizard)

    qtbot.wait(20)  # a later time, so a re-made signature would show
    again = ConsultationWizard(
        owner_services.consultations, dialogs, owner_services.consultations.open(consultation_id)
    )
    qtbot.addWidget(again, before_close_func=close_quietly)
    again.show()
    assert again.currentId() == PageId.COUNTERSIGN
    assert again.draft.record.signature(SignatureRole.CLIENT) == signed


def test_an_ongoing_medication_keeps_every_other_answer_when_the_page_is_shown_again(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs, wizard: ConsultationWizard
) -> None:
    """Showing the history fills in its rows; ticking a row's "still taking it" then must not
    count as an edit made while the rest of the rows are still blank."""
    next_page(qtbot, wizard)
    history = wizard.currentPage()
    assert isinstance(history, HistoryPage)
    answer_history(qtbot, history, {})
    row = history.rows["isotretinoin"]
    qtbot.mouseClick(row.yes, Qt.MouseButton.LeftButton)
    row.flags["ongoing"].click()
    answered = dict(wizard.draft.record.medical_history)
    assert len(answered) == len(history.rows)
    assert answered["isotretinoin"].flag("ongoing")
    next_page(qtbot, wizard)  # saved on the page change
    wizard.back()
    assert wizard.draft.record.medical_history == answered
    consultation_id = wizard.consultation.id
    close_quietly(wizard)

    again = ConsultationWizard(
        owner_services.consultations, dialogs, owner_services.consultations.open(consultation_id)
    )
    qtbot.addWidget(again, before_close_func=close_quietly)
    again.show()
    while again.currentId() != PageId.HISTORY:
        again.next()
    shown = again.currentPage()
    assert isinstance(shown, HistoryPage)
    assert again.draft.record.medical_history == answered
    assert all(r.yes.isChecked() or r.no.isChecked() for r in shown.rows.values())
    assert shown.rows["isotretinoin"].flags["ongoing"].isChecked()
    assert owner_services.consultations.open(consultation_id).record.medical_history == answered


def test_reopening_after_the_plan_changed_stops_at_the_consent(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs, wizard: ConsultationWizard
) -> None:
    _plan, consent = walk_to_consent(qtbot, wizard)
    give_consent(qtbot, consent)
    next_page(qtbot, wizard)
    draft = wizard.consultation
    close_quietly(wizard)
    stored = owner_services.consultations.open(draft.id)
    assert stored.record.plan is not None
    changed = replace(stored.record, plan=replace(stored.record.plan, sessions=6))
    owner_services.consultations.save_draft(stored, changed, page=PageId.COUNTERSIGN)

    again = ConsultationWizard(
        owner_services.consultations, dialogs, owner_services.consultations.open(draft.id)
    )
    qtbot.addWidget(again, before_close_func=close_quietly)
    again.show()
    assert again.currentId() == PageId.CONSENT, "the walk stops where the client must sign again"
    page = again.currentPage()
    assert isinstance(page, ConsentPage)
    assert page.changed_note.isVisibleTo(page)


def test_consent_statements_wait_for_the_text_to_be_read(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    _plan, consent = walk_to_consent(qtbot, wizard)
    consent.resize(900, 500)
    bar = consent.text.verticalScrollBar()
    if bar.maximum() > 0:
        assert not next(iter(consent.statements.values())).isEnabled()
        bar.setValue(bar.maximum())
    assert next(iter(consent.statements.values())).isEnabled()
    assert consent.font().pointSizeF() >= wizard.font().pointSizeF() * 1.2


def fill_plan(qtbot: QtBot, plan: PlanPage, device: str) -> None:
    plan.device.setCurrentIndex(plan.device.findData(device))
    qtbot.mouseClick(plan.anaesthetic_yes, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(plan.patch_no, Qt.MouseButton.LeftButton)


def test_plan_depth_cannot_pass_the_device_maximum_and_off_range_needs_a_tick(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    walk(qtbot, wizard, area="periorbital", scar="other")
    next_page(qtbot, wizard)
    plan = wizard.currentPage()
    assert isinstance(plan, PlanPage)
    fill_plan(qtbot, plan, "pen_gold")
    spin = plan.depths["periorbital"]
    spin.setValue(2.5)
    assert spin.value() == 2.0, "held at the device's labelled maximum"
    assert list(plan.warning_checks) == ["depth_outside_range:periorbital:2"]
    assert not plan.isComplete()
    qtbot.mouseClick(
        plan.warning_checks["depth_outside_range:periorbital:2"], Qt.MouseButton.LeftButton
    )
    assert plan.isComplete()


def test_a_depth_held_down_by_one_device_comes_back_with_the_next(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    """A 0.5 mm roller's depth is its needle length; going back to a pen gives the depth
    the practitioner chose, not the roller's."""
    plan = walk_to_plan(qtbot, wizard)
    fill_plan(qtbot, plan, "pen_steel")
    spin = plan.depths["cheeks"]
    spin.setValue(1.5)
    plan.device.setCurrentIndex(plan.device.findData("roller_0_5"))
    assert spin.value() == 0.5
    assert not spin.isEnabled()
    plan.device.setCurrentIndex(plan.device.findData("pen_gold"))
    assert spin.value() == 1.5
    assert spin.isEnabled()
    assert wizard.draft.record.plan is not None
    assert wizard.draft.record.plan.depths_mm["cheeks"] == 1.5


def test_a_depth_typed_digit_by_digit_is_kept_as_typed(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    plan = walk_to_plan(qtbot, wizard)
    spin = plan.depths["cheeks"]
    spin.setValue(2.0)
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "1.5")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() == 1.5
    assert wizard.draft.record.plan is not None
    assert wizard.draft.record.plan.depths_mm["cheeks"] == 1.5


def test_the_plan_is_filled_in_form_order_with_the_keyboard(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    plan = walk_to_plan(qtbot, wizard)
    plan.device.setFocus()
    order = []
    for _ in range(5):
        order.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == [
        plan.device,
        plan.sessions,
        plan.interval,
        plan.anaesthetic_yes,  # a radio group is one stop, at its answer
        plan.patch_no,
    ]


def test_a_future_date_is_refused_on_the_page(qtbot: QtBot, wizard: ConsultationWizard) -> None:
    next_page(qtbot, wizard)
    history = wizard.currentPage()
    assert isinstance(history, HistoryPage)
    row = history.rows["dermal_filler"]
    qtbot.mouseClick(row.yes, Qt.MouseButton.LeftButton)
    type_text(row.dates["date"], "2999-01-01")
    assert "future" in row.error.text()
    assert "date" not in wizard.draft.record.medical_history["dermal_filler"].follow_ups


def test_a_typed_date_counts_before_the_field_is_left(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    next_page(qtbot, wizard)
    history = wizard.currentPage()
    assert isinstance(history, HistoryPage)
    row = history.rows["dermal_filler"]
    qtbot.mouseClick(row.yes, Qt.MouseButton.LeftButton)
    field = row.dates["date"]
    field.setFocus()
    type_text(field, "2026-11-01")
    assert field.hasFocus()
    answer = wizard.draft.record.medical_history["dermal_filler"]
    assert answer.follow_ups["date"] == date(2026, 11, 1)
    assert wizard.draft.dirty, "an autosave is on its way"


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
    assert again.button(QWizard.WizardButton.BackButton).isEnabled()
    again.back()
    assert again.currentId() == PageId.HISTORY, "Back leads to the page before, as it did"


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


def test_discard_closes_the_wizard_and_deletes_the_draft(
    qtbot: QtBot, wizard: ConsultationWizard, owner_services: AppServices, dialogs: ScriptedDialogs
) -> None:
    next_page(qtbot, wizard)
    history = wizard.currentPage()
    assert isinstance(history, HistoryPage)
    qtbot.mouseClick(history.rows["vitiligo"].no, Qt.MouseButton.LeftButton)
    assert owner_services.consultations.drafts()
    dialogs.choices.append(DISCARD)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert not owner_services.consultations.drafts()
    assert not [m for m in dialogs.messages if m.kind == "error"]
    qtbot.wait(50)  # no autosave of the discarded draft comes back
    assert not owner_services.consultations.drafts()


def test_changing_the_plan_after_the_client_signed_asks_for_the_consent_again(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    plan, consent = walk_to_consent(qtbot, wizard)
    give_consent(qtbot, consent)
    assert next_enabled(wizard)
    assert not consent.changed_note.isVisibleTo(consent)

    wizard.back()
    assert wizard.currentPage() is plan
    plan.sessions.setValue(plan.sessions.value() + 2)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is consent
    assert consent.changed_note.isVisibleTo(consent)
    assert not any(box.isChecked() for box in consent.statements.values())
    assert consent.client_box.pad.strokes() == ()
    assert not next_enabled(wizard)
    assert wizard.draft.record.consent is None

    give_consent(qtbot, consent)
    assert next_enabled(wizard), "signing again, for the new plan, lets the client go on"


def keep_and_note(
    window: MainWindow, dialogs: ScriptedDialogs, opened: list[str]
) -> Callable[[QDialog], None]:
    """A dialog handler: note which consultation the wizard opened, then close keeping it."""

    def handle(dialog: QDialog) -> None:
        assert isinstance(dialog, ConsultationWizard)
        opened.append(dialog.consultation.id)
        assert window.wizard is dialog, "the open wizard is known, to come back after a lock"
        dialogs.choices.append(KEEP)
        dialog.reject()

    return handle


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
    [draft] = services.consultations.drafts()

    # A second "new consultation" for the same client offers the unfinished one first.
    opened: list[str] = []
    note_and_close = keep_and_note(window, dialogs, opened)
    dialogs.choices.append(0)  # continue it
    dialogs.handlers.append(note_and_close)
    window.new_consultation_action.trigger()
    question = [m for m in dialogs.messages if m.kind == "ask"][-2]
    assert "Zoë Ørsted" in question.text
    assert "unfinished" in question.text
    assert opened == [draft.id]
    assert len(services.consultations.drafts()) == 1

    dialogs.choices.append(2)  # cancel
    window.new_consultation_action.trigger()
    assert len(services.consultations.drafts()) == 1

    dialogs.choices.append(1)  # start a new one
    dialogs.handlers.append(note_and_close)
    window.new_consultation_action.trigger()
    assert len(services.consultations.drafts()) == 2
    assert opened[-1] != draft.id


def test_a_signed_record_opens_read_only_and_takes_a_note(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    services = window._services
    client = services.clients.add(ZOE)
    draft = services.consultations.start(client.id)
    history_answers = {
        q: HistoryAnswer(Answer.NO) for q in services.consultations.catalogue.questions
    }
    history_answers["keloid_tendency"] = HistoryAnswer(Answer.YES)
    record = replace(draft.record, medical_history=history_answers)
    draft = services.consultations.save_draft(draft, record, page=4)
    closed = services.consultations.close_without_treatment(draft)
    dialog = HistoryDialog(
        services, dialogs, client.id, "Zoë Ørsted", window, continue_draft=window.open_consultation
    )
    qtbot.addWidget(dialog)
    dialog.show()
    status = dialog.table.item(0, 1)
    assert status is not None
    assert status.text() == "Not suitable"
    assert dialog.addendum_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # no wizard: read-only
    assert "signed and cannot be changed" in dialog.detail.text()
    dialogs.texts.append("Referred to dermatology.")
    qtbot.mouseClick(dialog.addendum_button, Qt.MouseButton.LeftButton)
    assert "Referred to dermatology." in dialog.detail.text()
    current = services.accounts.current
    assert current is not None
    assert f"Note by {current.profile.full_name}, " in dialog.detail.text()
    assert services.consultations.open(closed.id).status is ConsultationStatus.NOT_SUITABLE

    # "Save PDF again" writes the letter kept at signing, wherever the practitioner says.
    first, again = tmp_path / "first.pdf", tmp_path / "again.pdf"
    for path in (first, again):
        dialogs.save_paths.append(path)
        dialogs.choices.append(CLOSE)
        qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert first.read_bytes().startswith(b"%PDF")
    assert again.read_bytes() == first.read_bytes()
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    assert services.consultations.pdf_hash(closed.id) == digest


def test_enter_moves_to_the_next_page(qtbot: QtBot, wizard: ConsultationWizard) -> None:
    assert wizard.currentId() == PageId.CLIENT
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.HISTORY


def test_the_offer_to_resume_names_the_client_and_opens_the_draft(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    services = window._services
    client = services.clients.add(ZOE)
    draft = services.consultations.start(client.id)
    dialogs.choices.append(1)  # later
    window.offer_to_resume()
    [question] = [m for m in dialogs.messages if m.kind == "ask"]
    assert "Zoë Ørsted" in question.text
    assert window.wizard is None

    opened: list[str] = []
    note_and_close = keep_and_note(window, dialogs, opened)
    dialogs.choices.append(0)  # continue
    dialogs.handlers.append(note_and_close)
    window.offer_to_resume()
    assert opened == [draft.id]


def test_a_size_remembered_from_a_larger_screen_is_fitted_to_this_one(
    qtbot: QtBot, owner_services: AppServices, dialogs: ScriptedDialogs
) -> None:
    QSettings().setValue(SIZE_KEY, QSize(10_000, 8_000))
    client = owner_services.clients.add(ZOE)
    w = ConsultationWizard(
        owner_services.consultations, dialogs, owner_services.consultations.start(client.id)
    )
    qtbot.addWidget(w, before_close_func=close_quietly)
    screen = w.screen()
    assert screen is not None
    room = screen.availableGeometry()
    assert w.width() <= room.width()
    assert w.height() <= room.height()


def test_a_full_disk_keeps_the_draft_in_the_window_and_saves_it_when_possible(
    qtbot: QtBot,
    wizard: ConsultationWizard,
    owner_services: AppServices,
    dialogs: ScriptedDialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    service = owner_services.consultations
    real_save = service.save_draft
    failures = [2]  # the disk is full for the next two tries

    def save_draft(*args: Any, **kwargs: Any) -> Any:
        if failures[0]:
            failures[0] -= 1
            raise StoreWriteError("The disk is full. Nothing was half-written.", Path())
        return real_save(*args, **kwargs)

    monkeypatch.setattr(service, "save_draft", save_draft)
    monkeypatch.setattr("mneedle_desktop.ui.wizard.draft.RETRY_DELAY_MS", 50)
    wizard.draft.update(skin_notes="Oily T-zone")
    wizard.draft.save(0, audit=False, asked=False)  # the autosave fails: said once
    assert [m.kind for m in dialogs.messages] == ["error"]
    assert "not saved yet" in wizard.windowTitle()
    assert wizard.draft.record.skin_notes == "Oily T-zone"  # kept in memory

    # Tried again on its own, quietly, until the disk has room again.
    qtbot.waitUntil(lambda: not wizard.draft.failing, timeout=3000)
    assert len(dialogs.messages) == 1
    assert "not saved yet" not in wizard.windowTitle()
    assert service.open(wizard.draft.consultation.id).record.skin_notes == "Oily T-zone"


def test_area_panels_follow_the_catalogue_order_whatever_order_they_are_ticked_in(
    qtbot: QtBot, wizard: ConsultationWizard
) -> None:
    areas = walk_to_areas(qtbot, wizard)
    order = list(CATALOGUE.areas)
    first, middle, last = order[0], order[len(order) // 2], order[-1]
    for area in (last, first, middle):
        choose_area(areas, area, "surgical", thickness=None)
    # Unticked, then ticked again: the panel comes back as it was left.
    areas.checks[middle].setChecked(False)
    assert not areas.panels[middle].isVisibleTo(areas)
    areas.checks[middle].setChecked(True)
    assert areas.panels[middle].scar_type.currentData() == "surgical"

    def top(area: str) -> int:
        return areas.panels[area].mapTo(areas, QPoint(0, 0)).y()

    qtbot.waitUntil(lambda: top(first) < top(middle) < top(last))
    assert [a.area for a in wizard.draft.record.areas] == [first, middle, last]
    # Tab goes through the panels in the same order, after the last area's box.
    reached: list[str] = []
    widget = list(areas.checks.values())[-1].nextInFocusChain()
    while widget is not None and widget is not areas.checks[order[0]]:
        owner = next((a for a, p in areas.panels.items() if p.isAncestorOf(widget)), None)
        if owner is not None and owner not in reached:
            reached.append(owner)
        widget = widget.nextInFocusChain()
    assert reached == [first, middle, last]
