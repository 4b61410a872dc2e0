"""Page 2: the medical history, grouped; nothing is preset, nothing unanswered is a "no"."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWizardPage

from mneedle_desktop.domain.record import HistoryAnswer
from mneedle_desktop.ui.wizard.draft import WizardDraft
from mneedle_desktop.ui.wizard.page_layout import scrolling_column
from mneedle_desktop.ui.wizard.question_row import QuestionRow


class HistoryPage(QWizardPage):
    def __init__(self, draft: WizardDraft) -> None:
        super().__init__()
        self._draft = draft
        self.setTitle(self.tr("Medical history"))
        self.setSubTitle(
            self.tr("Answer every question. A question left unanswered is never taken as no.")
        )
        catalogue = draft.catalogue
        self.rows: dict[str, QuestionRow] = {}
        self._loading = False
        self.unanswered = QLabel()
        self.unanswered.setWordWrap(True)
        column = scrolling_column(self, above=self.unanswered)
        for group in catalogue.question_groups:
            box = QGroupBox(group.title)
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 1)
            grid.setVerticalSpacing(12)  # as far apart as when each question was a box
            questions = [q for q in catalogue.questions.values() if q.group == group.id]
            for i, question in enumerate(questions):
                text = catalogue.question_text(question.id)
                row = QuestionRow(question, text, catalogue, grid, i * QuestionRow.ROWS)
                row.edited.connect(self._on_row_edited)
                self.rows[question.id] = row
            column.addWidget(box)
        column.addStretch(1)

    def initializePage(self) -> None:
        # Filling a row in can tick its follow-ups ("still taking it"), which signals an
        # edit: read back then, the rows not filled in yet would erase their answers.
        answers = self._draft.record.medical_history
        self._loading = True
        try:
            for qid, row in self.rows.items():
                row.load(answers.get(qid))
        finally:
            self._loading = False
        self._show_unanswered()

    @Slot()
    def _on_row_edited(self) -> None:
        if self._loading:
            return
        answers: dict[str, HistoryAnswer] = {}
        typing: dict[str, str] = {}
        for qid, row in self.rows.items():
            answer, problem = row.answer()
            if answer is not None:
                answers[qid] = answer
            if problem:
                typing[qid] = problem
        problems = self._draft.update(medical_history=answers)
        for qid, row in self.rows.items():
            prefix = f"medical_history.{qid}"
            messages = [p.message for p in problems if p.path.startswith(prefix)]
            if qid in typing:
                messages.insert(0, typing[qid])
            row.show_error("; ".join(messages) or None)
        self._show_unanswered()

    def _show_unanswered(self) -> None:
        missing = [q for q in self.rows if q not in self._draft.record.medical_history]
        if missing:
            self.unanswered.setText(
                self.tr("{n} of {total} questions are not answered yet.").format(
                    n=len(missing), total=len(self.rows)
                )
            )
        else:
            self.unanswered.setText(self.tr("Every question is answered."))
