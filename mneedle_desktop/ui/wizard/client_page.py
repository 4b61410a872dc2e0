"""Page 1: who the client is, their age, and a guardian for under-18s."""

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWizardPage,
)

from mneedle_desktop.domain.clock import age_on
from mneedle_desktop.domain.record import Guardian
from mneedle_desktop.ui.date_edit import format_date
from mneedle_desktop.ui.form_widgets import YesNo
from mneedle_desktop.ui.wizard.draft import WizardDraft

ADULT_AGE = 18


class ClientPage(QWizardPage):
    def __init__(self, draft: WizardDraft) -> None:
        super().__init__()
        self._draft = draft
        self.setTitle(self.tr("Client"))
        self.setSubTitle(self.tr("Check that this is the right person before you start."))
        self.name = QLabel()
        self.born = QLabel()
        self.age = QLabel()
        details = QFormLayout()
        details.addRow(self.tr("Name:"), self.name)
        details.addRow(self.tr("Date of birth:"), self.born)
        self.age_label = QLabel(self.tr("Age today:"))
        details.addRow(self.age_label, self.age)

        self.guardian_box = QGroupBox(self.tr("Parent or guardian (the client is under 18)"))
        self.guardian_name = QLineEdit()
        self.guardian_relationship = QLineEdit()
        self.guardian_relationship.setPlaceholderText(self.tr("for example mother"))
        self.guardian_consents = YesNo(
            self.tr("Does the parent or guardian agree to the assessment and treatment?")
        )
        guardian_form = QFormLayout(self.guardian_box)
        guardian_form.addRow(self.tr("&Name:"), self.guardian_name)
        guardian_form.addRow(self.tr("&Relationship:"), self.guardian_relationship)
        guardian_form.addRow(self.guardian_consents)
        for signal in (self.guardian_name.textEdited, self.guardian_relationship.textEdited):
            signal.connect(self._on_guardian_edited)
        self.guardian_consents.group.buttonToggled.connect(self._on_guardian_edited)

        layout = QVBoxLayout(self)
        layout.addLayout(details)
        layout.addWidget(self.guardian_box)
        layout.addStretch(1)

    def initializePage(self) -> None:
        record = self._draft.record
        client = record.client
        self.name.setText(f"{client.given_name} {client.family_name}")
        self.born.setText(format_date(client.date_of_birth))
        age = age_on(client.date_of_birth, record.consultation_date)
        self.age.setText(self.tr("{n} years").format(n=age))
        # The age the screening uses: on the consultation's date, which for a draft started
        # on an earlier day is not today.
        self.age_label.setText(
            self.tr("Age today:")
            if record.consultation_date == date.today()
            else self.tr("Age on {date}:").format(date=format_date(record.consultation_date))
        )
        minor = age < ADULT_AGE
        self.guardian_box.setVisible(minor)
        guardian = record.guardian
        if guardian is not None:
            self.guardian_name.setText(guardian.name)
            self.guardian_relationship.setText(guardian.relationship)
            self.guardian_consents.set_value(guardian.consents)

    @Slot()
    def _on_guardian_edited(self) -> None:
        name = self.guardian_name.text().strip()
        relationship = self.guardian_relationship.text().strip()
        consents = self.guardian_consents.value()
        guardian = (
            Guardian(name, relationship, consents)
            if name or relationship or consents is not None
            else None
        )
        self._draft.update(guardian=guardian)
