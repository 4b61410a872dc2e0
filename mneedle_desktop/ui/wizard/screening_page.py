"""Page 5: the screening decision, every reason with its rule and source, and the
precautions the practitioner must acknowledge one by one."""

from html import escape

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWizardPage,
)

from mneedle_desktop.domain.decision_words import kind_words, missing_words, rule_title
from mneedle_desktop.domain.screening import Outcome
from mneedle_desktop.ui.wizard.draft import WizardDraft
from mneedle_desktop.ui.wizard.page_ids import PageId
from mneedle_desktop.ui.wizard.page_layout import scrolling_column
from mneedle_desktop.ui.wizard.screening_panel import outcome_words


class ScreeningPage(QWizardPage):
    def __init__(self, draft: WizardDraft) -> None:
        super().__init__()
        self._draft = draft
        self.setTitle(self.tr("Screening"))
        self.headline = QLabel()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.reasons_box = QGroupBox(self.tr("Reasons"))
        self.reasons_layout = QVBoxLayout(self.reasons_box)
        self.precautions_box = QGroupBox(self.tr("Precautions: tick each one when it is done"))
        self.precautions_layout = QVBoxLayout(self.precautions_box)
        self.precaution_checks: dict[str, QCheckBox] = {}
        self._ticking = False
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        column = scrolling_column(self)
        column.addWidget(self.headline)
        column.addWidget(self.missing)
        column.addWidget(self.reasons_box)
        column.addWidget(self.precautions_box)
        column.addWidget(self.next_step)
        column.addStretch(1)
        draft.changed.connect(self._on_draft_changed)

    def initializePage(self) -> None:
        self._show()

    @Slot()
    def _on_draft_changed(self) -> None:
        if self.isVisible() and not self._ticking:
            self._show()

    def _clear(self, layout: QVBoxLayout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _show(self) -> None:
        decision = self._draft.assessment.decision
        catalogue = self._draft.catalogue
        self.headline.setText(outcome_words(decision))
        if decision.open_conditions:
            self.headline.setText(self.headline.text() + ": " + "; ".join(decision.open_conditions))
        self.missing.setVisible(bool(decision.missing))
        record = self._draft.record
        self.missing.setText(
            self.tr("Still to answer:")
            + "".join(f"\n• {missing_words(m, record, catalogue)}" for m in decision.missing)
        )
        self._clear(self.reasons_layout)
        for reason in decision.reasons:
            where = ", ".join(catalogue.areas[a].label for a in reason.areas)
            title = QLabel(
                f"<b>{escape(kind_words(reason))}</b>: "
                + escape(rule_title(reason.rule_id, catalogue))
                + (f" ({escape(where)})" if where else "")
            )
            text = QLabel(
                self.tr("Client: {client}\nPractitioner: {note}\nSource: {source}").format(
                    client=reason.client_text, note=reason.practitioner_note, source=reason.source
                )
            )
            text.setWordWrap(True)
            text.setToolTip(reason.source)
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            for widget in (title, text, line):
                self.reasons_layout.addWidget(widget)
        self.reasons_box.setVisible(bool(decision.reasons))
        self._clear(self.precautions_layout)
        self.precaution_checks = {}
        for precaution in decision.precautions:
            box = QCheckBox(precaution.text)
            box.setChecked(precaution.acknowledged)
            box.setAccessibleName(self.tr("Acknowledge: {text}").format(text=precaution.text))
            box.toggled.connect(self._on_precaution_toggled)
            self.precaution_checks[precaution.rule_id] = box
            self.precautions_layout.addWidget(box)
        self.precautions_box.setVisible(bool(decision.precautions))
        if decision.outcome in (Outcome.DEFER, Outcome.NOT_SUITABLE):
            self.next_step.setText(
                self.tr(
                    "This consultation ends here: sign it as the practitioner to store the "
                    "outcome. The client cannot go on to treatment consent."
                )
            )
        else:
            self.next_step.setText(self.tr("Next: the treatment plan."))
        self.completeChanged.emit()

    @Slot()
    def _on_precaution_toggled(self) -> None:
        ticked = tuple(rule for rule, box in self.precaution_checks.items() if box.isChecked())
        self._ticking = True  # keep the boxes (and keyboard focus) as they are
        try:
            self._draft.update(acknowledged_precautions=ticked)
        finally:
            self._ticking = False
        self.completeChanged.emit()

    def nextId(self) -> int:
        """A deferral or not-suitable outcome ends here; otherwise the plan follows."""
        if self._draft.assessment.decision.outcome in (Outcome.DEFER, Outcome.NOT_SUITABLE):
            return -1
        return PageId.PLAN

    def isComplete(self) -> bool:
        decision = self._draft.assessment.decision
        if decision.outcome in (Outcome.DEFER, Outcome.NOT_SUITABLE):
            return True
        return not decision.unacknowledged
