"""Page 3: Fitzpatrick skin type, by the questionnaire or set directly, and skin notes."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from mneedle_desktop.domain.record import FitzpatrickAssessment, FitzpatrickMethod
from mneedle_desktop.domain.scales import ROMAN, fitzpatrick
from mneedle_desktop.ui.form_widgets import multiline_field
from mneedle_desktop.ui.wizard.draft import WizardDraft
from mneedle_desktop.ui.wizard.page_layout import scrolling_column


class SkinPage(QWizardPage):
    def __init__(self, draft: WizardDraft) -> None:
        super().__init__()
        self._draft = draft
        self._loading = False
        self.setTitle(self.tr("Skin"))
        self.setSubTitle(self.tr("Fitzpatrick skin type: ask the ten questions, or set the type."))
        catalogue = draft.catalogue
        self.use_quiz = QRadioButton(self.tr("Ask the &questions"))
        self.use_direct = QRadioButton(self.tr("&Set the type directly"))
        methods = QButtonGroup(self)
        methods.addButton(self.use_quiz)
        methods.addButton(self.use_direct)
        methods.buttonToggled.connect(self._on_edited)

        self.quiz_box = QGroupBox(self.tr("Fitzpatrick questionnaire"))
        # Each question on its own line above its answers, using the whole width: long
        # questions beside long answer lists were cut off.
        quiz_column = QVBoxLayout(self.quiz_box)
        self.quiz: dict[str, QComboBox] = {}
        for q in catalogue.fitzpatrick_questions:
            combo = QComboBox()
            combo.setAccessibleName(q.text)
            for score, option in enumerate(q.options):
                combo.addItem(f"{option} ({score})", score)
            combo.setCurrentIndex(-1)
            combo.setPlaceholderText(self.tr("Choose an answer"))
            combo.currentIndexChanged.connect(self._on_edited)
            label = QLabel(q.text)
            label.setWordWrap(True)
            label.setBuddy(combo)
            quiz_column.addWidget(label)
            quiz_column.addWidget(combo)
            quiz_column.addSpacing(6)
            self.quiz[q.id] = combo
        self.total = QLabel()
        quiz_column.addWidget(self.total)

        self.direct = QComboBox()
        self.direct.setAccessibleName(self.tr("Fitzpatrick type"))
        for n, numeral in enumerate(ROMAN, start=1):
            self.direct.addItem(self.tr("Type {n}").format(n=numeral), n)
        self.direct.setCurrentIndex(-1)
        self.direct.setPlaceholderText(self.tr("Choose a type"))
        self.direct.currentIndexChanged.connect(self._on_edited)
        direct_row = QHBoxLayout()
        direct_row.addWidget(QLabel(self.tr("Type:")))
        direct_row.addWidget(self.direct)
        direct_row.addStretch(1)
        self.direct_box = QWidget()
        self.direct_box.setLayout(direct_row)

        self.notes = multiline_field(lines=3)
        self.notes.setAccessibleName(self.tr("Skin notes"))
        self.notes.textChanged.connect(self._on_edited)

        column = scrolling_column(self)
        chooser = QHBoxLayout()
        chooser.addWidget(self.use_quiz)
        chooser.addWidget(self.use_direct)
        chooser.addStretch(1)
        column.addLayout(chooser)
        column.addWidget(self.quiz_box)
        column.addWidget(self.direct_box)
        column.addWidget(QLabel(self.tr("Current skin condition (notes):")))
        column.addWidget(self.notes)
        column.addStretch(1)

    def initializePage(self) -> None:
        self._loading = True
        record = self._draft.record
        f = record.fitzpatrick
        direct = f is not None and f.method is FitzpatrickMethod.DIRECT
        (self.use_direct if direct else self.use_quiz).setChecked(True)
        if f is not None and f.method is FitzpatrickMethod.QUIZ:
            for qid, combo in self.quiz.items():
                combo.setCurrentIndex(combo.findData(f.answers.get(qid)))
        if f is not None and f.type is not None:
            self.direct.setCurrentIndex(self.direct.findData(f.type))
        self.notes.setPlainText(record.skin_notes)
        self._loading = False
        self._show_method()
        self._show_total()

    def _show_method(self) -> None:
        self.quiz_box.setVisible(self.use_quiz.isChecked())
        self.direct_box.setVisible(self.use_direct.isChecked())

    def _assessment(self) -> FitzpatrickAssessment | None:
        if self.use_direct.isChecked():
            value = self.direct.currentData()
            return (
                None
                if value is None
                else FitzpatrickAssessment(FitzpatrickMethod.DIRECT, type=int(value))
            )
        answers = {qid: c.currentData() for qid, c in self.quiz.items()}
        if any(v is None for v in answers.values()):
            return None
        return FitzpatrickAssessment(
            FitzpatrickMethod.QUIZ, {k: int(v) for k, v in answers.items()}
        )

    def _show_total(self) -> None:
        answered = [c.currentData() for c in self.quiz.values() if c.currentData() is not None]
        assessment = self._assessment()
        if assessment is not None and assessment.method is FitzpatrickMethod.QUIZ:
            result = fitzpatrick(assessment, self._draft.catalogue)
            self.total.setText(
                self.tr("{score} of 40: type {type}").format(
                    score=result.score, type=ROMAN[result.type - 1]
                )
            )
        else:
            self.total.setText(
                self.tr("{n} of {total} answered").format(n=len(answered), total=len(self.quiz))
            )

    @Slot()
    def _on_edited(self) -> None:
        if self._loading:
            return
        self._show_method()
        self._show_total()
        self._draft.update(fitzpatrick=self._assessment(), skin_notes=self.notes.toPlainText())
