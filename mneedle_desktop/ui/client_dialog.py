"""Adding or editing a client: validated by the domain, saved by the client service."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mneedle_desktop.domain.clients import Client, ClientDetails, Sex
from mneedle_desktop.domain.date_entry import DateEntryError
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.clients import ClientService
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.date_edit import DateField, format_date
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.form_widgets import fit_to_contents, multiline_field
from mneedle_desktop.ui.validated_form import ValidatedForm


class ClientDialog(QDialog):
    """Signals:
    client_saved(Client): emitted once the client is stored.
    """

    client_saved = Signal(object)

    def __init__(
        self,
        clients: ClientService,
        dialogs: Dialogs,
        existing: Client | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._clients = clients
        self._dialogs = dialogs
        self._existing = existing
        self.saved_client: Client | None = None
        self.setWindowTitle(self.tr("Edit client") if existing else self.tr("New client"))

        self.family_name = QLineEdit()
        self.given_name = QLineEdit()
        self.date_of_birth = DateField()
        self.sex = QComboBox()
        for value, label in (
            (Sex.NOT_STATED, self.tr("Not stated")),
            (Sex.FEMALE, self.tr("Female")),
            (Sex.MALE, self.tr("Male")),
            (Sex.INTERSEX, self.tr("Intersex")),
        ):
            self.sex.addItem(label, value.value)
        self.phone = QLineEdit()
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email = QLineEdit()
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.address = multiline_field(lines=3)
        self.gp = QLineEdit()
        self.gp.setPlaceholderText(self.tr("Name and practice"))
        self.emergency_contact = QLineEdit()
        self.emergency_contact.setPlaceholderText(self.tr("Name and phone"))

        layout = QFormLayout()
        self.form = ValidatedForm(layout)
        self.form.add("family_name", self.tr("&Family name"), self.family_name, required=True)
        self.form.add("given_name", self.tr("&Given name"), self.given_name, required=True)
        self.form.add("date_of_birth", self.tr("&Date of birth"), self.date_of_birth, required=True)
        self.form.add("sex", self.tr("&Sex"), self.sex)
        self.form.add("phone", self.tr("&Phone"), self.phone)
        self.form.add("email", self.tr("&Email"), self.email)
        self.form.add("address", self.tr("&Address"), self.address)
        self.form.add("gp", self.tr("GP or &physician"), self.gp)
        self.form.add("emergency_contact", self.tr("E&mergency contact"), self.emergency_contact)

        note = QLabel(self.tr("Fields marked * are required."))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 16)
        outer.setSpacing(16)
        outer.addLayout(layout)
        outer.addWidget(note)
        outer.addWidget(self.buttons)

        if existing is not None:
            self._load(existing.details)
        self._initial = self.details()
        self._initial_date_text = self.date_of_birth.text()
        fit_to_contents(self, min_width=520)

    def has_unsaved_input(self) -> bool:
        return (
            self.details() != self._initial or self.date_of_birth.text() != self._initial_date_text
        )

    def reject(self) -> None:
        """Cancel or Escape: ask first when something typed would be lost."""
        if self.has_unsaved_input() and not self._dialogs.confirm(
            self,
            self.tr("Discard changes?"),
            self.tr("What you typed about this client has not been saved. Discard it?"),
            self.tr("&Discard"),
        ):
            return
        super().reject()

    def _load(self, d: ClientDetails) -> None:
        self.family_name.setText(d.family_name)
        self.given_name.setText(d.given_name)
        self.date_of_birth.set_value(d.date_of_birth)
        self.sex.setCurrentIndex(max(0, self.sex.findData(d.sex.value)))
        self.phone.setText(d.phone)
        self.email.setText(d.email)
        self.address.setPlainText(d.address)
        self.gp.setText(d.gp)
        self.emergency_contact.setText(d.emergency_contact)

    def details(self) -> ClientDetails:
        """What the form holds; an unreadable date of birth counts as none (see
        ``_date_error``)."""
        try:
            born = self.date_of_birth.value()
        except DateEntryError:
            born = None
        return ClientDetails(
            family_name=self.family_name.text(),
            given_name=self.given_name.text(),
            date_of_birth=born,
            sex=Sex(self.sex.currentData()),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.toPlainText(),
            gp=self.gp.text(),
            emergency_contact=self.emergency_contact.text(),
        )

    def _date_error(self) -> str | None:
        try:
            self.date_of_birth.value()
        except DateEntryError as e:
            return str(e)
        return None

    def _on_buttons_accepted(self) -> None:
        try:
            details = self._clients.validate(self.details())
        except ValidationError as e:
            errors = dict(e.by_field())
            date_error = self._date_error()
            if date_error:  # unreadable text reads as no date: say what is wrong instead
                errors["date_of_birth"] = date_error
            self.form.show_errors(errors)
            return
        self.form.clear_errors()
        exclude = self._existing.id if self._existing else None
        duplicates = self._clients.likely_duplicates(details, exclude=exclude)
        if duplicates and not self._dialogs.confirm(
            self,
            self.tr("Possible duplicate"),
            self.tr(
                "{name}, born {born}, is already in the client list. "
                "Save this as a separate client anyway?"
            ).format(
                name=duplicates[0].details.display_name,
                born=format_date(details.date_of_birth),
            ),
            self.tr("Save &anyway"),
        ):
            return
        try:
            if self._existing is None:
                client = self._clients.add(details)
            else:
                client = self._clients.update(self._existing.id, details)
        except StoreError as e:
            self._dialogs.error(self, self.tr("Client not saved"), str(e))
            return
        self.saved_client = client
        self.client_saved.emit(client)
        self.accept()
