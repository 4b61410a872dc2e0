"""One medical-history question: yes or no (never preset), and its follow-ups on "yes"."""

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from mneedle_desktop.domain.catalogue import Catalogue, FollowUpType, Question
from mneedle_desktop.domain.date_entry import DateEntryError
from mneedle_desktop.domain.record import Answer, FollowUpValue, HistoryAnswer
from mneedle_desktop.ui.date_edit import DateField
from mneedle_desktop.ui.form_widgets import YesNoChoice, error_label


class QuestionRow(QObject):
    """The widgets of one question, placed in three rows of a grid: the question with Yes
    and No in the columns beside it, the follow-ups under it, then any error. (A grid
    rather than a widget per question: the page lays out in a third of the time.)

    Signals:
    edited(): the answer or a follow-up changed.
    """

    edited = Signal()

    # The grid rows each question takes.
    ROWS = 3

    def __init__(
        self,
        question: Question,
        text: str,
        catalogue: Catalogue,
        grid: QGridLayout,
        row: int,
    ) -> None:
        super().__init__(grid)
        self.question = question
        self.choice = YesNoChoice(text, self)
        self.label, self.yes, self.no = self.choice.label, self.choice.yes, self.choice.no
        self.group = self.choice.group
        self.group.buttonToggled.connect(self._on_answer_toggled)
        self.error = error_label()
        self.error.hide()

        self.follow_ups = QWidget()
        form = QFormLayout(self.follow_ups)
        form.setContentsMargins(24, 0, 0, 0)
        self.dates: dict[str, DateField] = {}
        self.flags: dict[str, QCheckBox] = {}
        self.texts: dict[str, QLineEdit] = {}
        self.areas: QListWidget | None = None
        for f in question.follow_ups:
            if f.type is FollowUpType.DATE:
                field = DateField()
                field.setAccessibleName(f"{f.label}: {text}")
                field.entered.connect(self.edited)
                self.dates[f.id] = field
                form.addRow(f.label + (" *" if f.required else ""), field)
            elif f.type is FollowUpType.FLAG:
                box = QCheckBox(f.label)
                box.toggled.connect(self._on_flag_toggled)
                self.flags[f.id] = box
                form.addRow("", box)
            elif f.type is FollowUpType.TEXT:
                line = QLineEdit()
                line.setAccessibleName(f.label)
                line.textEdited.connect(self.edited)
                self.texts[f.id] = line
                form.addRow(f.label, line)
            else:
                areas = QListWidget()
                areas.setAccessibleName(f"{f.label}: {text}")
                for area in catalogue.areas.values():
                    item = QListWidgetItem(area.label)
                    item.setData(Qt.ItemDataRole.UserRole, area.id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    areas.addItem(item)
                areas.setMaximumHeight(areas.sizeHintForRow(0) * 5 + 4)
                areas.itemChanged.connect(lambda *_: self.edited.emit())
                self.areas = areas
                hint = f.label + (" *" if f.required else self.tr(" (leave empty: every area)"))
                form.addRow(hint, areas)
        self.follow_ups.hide()

        grid.addWidget(self.label, row, 0)
        grid.addWidget(self.yes, row, 1)
        grid.addWidget(self.no, row, 2)
        grid.addWidget(self.follow_ups, row + 1, 0, 1, 3)
        grid.addWidget(self.error, row + 2, 0, 1, 3)

    @Slot()
    def _on_answer_toggled(self) -> None:
        self.follow_ups.setVisible(self.yes.isChecked() and bool(self.question.follow_ups))
        self.edited.emit()

    @Slot()
    def _on_flag_toggled(self) -> None:
        ongoing = self.flags.get("ongoing")
        if ongoing is not None:
            # While still taking it, the date of the last dose is not asked.
            for field in self.dates.values():
                field.setEnabled(not ongoing.isChecked())
        self.edited.emit()

    def load(self, answer: HistoryAnswer | None) -> None:
        blockers = [self.group.blockSignals(True)]
        self.choice.set_value(None if answer is None else answer.answer is Answer.YES)
        if answer is not None:
            for key, field in self.dates.items():
                field.set_value(answer.date(key))
            for key, box in self.flags.items():
                box.setChecked(answer.flag(key))
            for key, line in self.texts.items():
                value = answer.follow_ups.get(key)
                line.setText(value if isinstance(value, str) else "")
            if self.areas is not None:
                chosen = set(answer.areas() or ())
                for i in range(self.areas.count()):
                    item = self.areas.item(i)
                    checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                    item.setCheckState(
                        Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    )
        self.group.blockSignals(blockers[0])
        self.follow_ups.setVisible(self.yes.isChecked() and bool(self.question.follow_ups))

    def answer(self) -> tuple[HistoryAnswer | None, str | None]:
        """The answer as given (None when unanswered), and what is wrong with a typed date."""
        if not (self.yes.isChecked() or self.no.isChecked()):
            return None, None
        if self.no.isChecked():
            return HistoryAnswer(Answer.NO), None
        values: dict[str, FollowUpValue] = {}
        problem = None
        ongoing = self.flags.get("ongoing")
        for key, field in self.dates.items():
            if ongoing is not None and ongoing.isChecked():
                continue
            try:
                value = field.value()
            except DateEntryError as e:
                problem = str(e)
                continue
            if value is not None:
                values[key] = value
        for key, box in self.flags.items():
            if box.isChecked():
                values[key] = True
        for key, line in self.texts.items():
            if line.text().strip():
                values[key] = line.text().strip()
        if self.areas is not None:
            chosen = tuple(
                str(self.areas.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.areas.count())
                if self.areas.item(i).checkState() == Qt.CheckState.Checked
            )
            if chosen:
                values["areas"] = chosen
        return HistoryAnswer(Answer.YES, values), problem

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
