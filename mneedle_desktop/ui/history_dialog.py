"""A client's consultations: continue a draft, read a signed one, add a dated note to it."""

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.consultations import Consultation, ConsultationSummary
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.client_table_model import status_text
from mneedle_desktop.ui.date_edit import format_date
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.pdf_export import export_pdf
from mneedle_desktop.ui.wizard.screening_panel import outcome_words


class HistoryDialog(QDialog):
    def __init__(
        self,
        services: AppServices,
        dialogs: Dialogs,
        client_id: ClientId,
        client_name: str,
        parent: QWidget | None = None,
        *,
        continue_draft: Callable[[Consultation, QWidget | None], None],
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._dialogs = dialogs
        # The main window runs the wizard, so it knows the open one (to come back to it
        # after a lock) and gives it the clinic and the practitioner.
        self._continue_draft = continue_draft
        self._client_id = client_id
        self._rows: list[ConsultationSummary] = []
        self.setWindowTitle(self.tr("Consultations: {name}").format(name=client_name))
        self.resize(640, 360)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Status")])
        self.table.setAccessibleName(self.tr("Consultations"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(self._on_open_clicked)
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self._on_open_clicked)
        self.pdf_button = QPushButton(self.tr("Save &PDF again…"))
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.addendum_button = QPushButton(self.tr("Add a &note…"))
        self.addendum_button.setAutoDefault(False)
        self.addendum_button.clicked.connect(self._on_addendum_clicked)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.addendum_button)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.detail)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        if self._services.accounts.current is None:
            return  # locked: nothing to read
        self._rows = self._services.consultations.history(self._client_id)
        self.table.setRowCount(len(self._rows))
        for i, c in enumerate(self._rows):
            self.table.setItem(i, 0, QTableWidgetItem(format_date(c.consultation_date)))
            self.table.setItem(i, 1, QTableWidgetItem(status_text(c.status)))
        if self._rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> ConsultationSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        c = self.selected()
        self.open_button.setEnabled(c is not None)
        self.open_button.setText(
            self.tr("&Continue") if c and c.status is ConsultationStatus.DRAFT else self.tr("&Open")
        )
        signed = c is not None and c.status is not ConsultationStatus.DRAFT
        self.addendum_button.setEnabled(signed)
        self.pdf_button.setEnabled(signed)

    @Slot()
    def _on_open_clicked(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        consultation = self._services.consultations.open(summary.id)
        if consultation.editable:
            self._continue_draft(consultation, self)
            if self.isVisible():  # not closed by the app locking meanwhile
                self.refresh()
            return
        assessment = self._services.consultations.assess(consultation.record)
        notes = self._services.consultations.addenda(consultation.id)
        lines = [
            self.tr("Signed outcome: {words}").format(words=outcome_words(assessment.decision)),
            self.tr("Content version {v}; record hash {h}").format(
                v=consultation.content_version, h=(consultation.record_hash or "")[:16]
            ),
            self.tr("This record is signed and cannot be changed."),
        ]
        authors = {str(a.id): a.profile.full_name for a in self._services.accounts.accounts()}
        for n in notes:
            when = n.created_at.astimezone()
            lines.append(
                self.tr("Note by {author}, {date} {time}: {text}").format(
                    author=authors.get(n.author, self.tr("a former practitioner")),
                    date=format_date(when.date()),
                    time=when.strftime("%H:%M"),
                    text=n.text,
                )
            )
        self.detail.setText("\n".join(lines))

    @Slot()
    def _on_pdf_clicked(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        consultation = self._services.consultations.open(summary.id)
        export_pdf(self, self._services.consultations, self._dialogs, consultation)

    @Slot()
    def _on_addendum_clicked(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        text = self._dialogs.text(
            self, self.tr("Add a note"), self.tr("A dated note added to the signed record:")
        )
        if text is None:
            return
        consultation = self._services.consultations.open(summary.id)
        try:
            self._services.consultations.add_addendum(consultation, text)
        except ValidationError as e:
            self._dialogs.warn(self, self.tr("No note added"), e.errors[0].message)
            return
        except PermissionError as e:
            self._dialogs.warn(self, self.tr("No note added"), str(e))
            return
        self._on_open_clicked()
