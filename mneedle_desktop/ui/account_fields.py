"""A practitioner's account as form rows: name, profession, registration, user name,
password. Shared by the first-run set-up and by adding a practitioner."""

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from mneedle_desktop.domain.accounts import MIN_PASSWORD_LENGTH
from mneedle_desktop.domain.clinic import PROFESSIONS, PractitionerProfile
from mneedle_desktop.ui.validated_form import ValidatedForm


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class AccountFields(QObject):
    def __init__(self, owner: QWidget, *, with_password: bool = True) -> None:
        super().__init__(owner)
        self.full_name = QLineEdit()
        self.profession = QComboBox()
        self.profession.setEditable(True)
        self.profession.addItems(list(PROFESSIONS))
        self.profession.setCurrentIndex(-1)
        self.registration = QLineEdit()
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("for example amira.khan"))
        self.password = password_field()
        self.password.setPlaceholderText(
            self.tr("at least {n} characters").format(n=MIN_PASSWORD_LENGTH)
        )
        self.password_repeat = password_field()

        self.form = ValidatedForm(QFormLayout())
        add = self.form.add
        add("practitioner.full_name", self.tr("&Full name"), self.full_name, required=True)
        add("practitioner.profession", self.tr("P&rofession"), self.profession, required=True)
        add(
            "practitioner.registration_number",
            self.tr("Re&gistration number"),
            self.registration,
            required=True,
        )
        add("username", self.tr("&User name"), self.username, required=True)
        if with_password:
            add("password", self.tr("Pass&word"), self.password, required=True)
            add("password_repeat", self.tr("Repeat pass&word"), self.password_repeat, required=True)

    def load(self, profile: PractitionerProfile) -> None:
        self.full_name.setText(profile.full_name)
        self.profession.setCurrentText(profile.profession)
        self.registration.setText(profile.registration_number)

    def profile(self) -> PractitionerProfile:
        return PractitionerProfile(
            self.full_name.text(), self.profession.currentText(), self.registration.text()
        )
