"""Passwords: changing one's own, and the owner setting one for a practitioner."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from mneedle_desktop.domain.accounts import MIN_PASSWORD_LENGTH, password_problem
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.accounts import AccountService
from mneedle_desktop.ui.account_fields import AccountFields, password_field
from mneedle_desktop.ui.form_widgets import fit_to_contents
from mneedle_desktop.ui.validated_form import ValidatedForm


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ChangePasswordDialog(QDialog):
    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.setWindowTitle(self.tr("Change your password"))
        self.current = password_field()
        self.new = password_field()
        self.repeat = password_field()
        self.new.setPlaceholderText(
            self.tr("at least {n} characters").format(n=MIN_PASSWORD_LENGTH)
        )
        self.form = ValidatedForm(QFormLayout())
        self.form.add("current_password", self.tr("&Current password"), self.current)
        self.form.add("password", self.tr("&New password"), self.new)
        self.form.add("password_repeat", self.tr("&Repeat new password"), self.repeat)
        self.buttons = _buttons(self, self.tr("&Change password"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.buttons)
        fit_to_contents(self, min_width=440)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.new.text() != self.repeat.text():
            self.form.show_errors({"password_repeat": self.tr("The two passwords differ.")})
            return
        try:
            self._accounts.change_password(self.current.text(), self.new.text())
        except ValidationError as e:
            self.form.show_errors(e.by_field())
            return
        self.accept()


class SetPasswordDialog(QDialog):
    """The owner sets a new password for a practitioner (reset, or enabling again)."""

    def __init__(self, name: str, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._username = username
        self.setWindowTitle(self.tr("New password for {name}").format(name=name))
        intro = QLabel(
            self.tr(
                "Give {name} this password in person; they can change it after signing in."
            ).format(name=name)
        )
        intro.setWordWrap(True)
        self.new = password_field()
        self.repeat = password_field()
        self.form = ValidatedForm(QFormLayout())
        self.form.add("password", self.tr("&New password"), self.new)
        self.form.add("password_repeat", self.tr("&Repeat it"), self.repeat)
        self.buttons = _buttons(self, self.tr("&Set password"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.addWidget(intro)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.buttons)
        fit_to_contents(self, min_width=440)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        problem = password_problem(self.new.text(), self._username)
        if problem:
            self.form.show_errors({"password": problem})
            return
        if self.new.text() != self.repeat.text():
            self.form.show_errors({"password_repeat": self.tr("The two passwords differ.")})
            return
        self.accept()


class ProfileDialog(QDialog):
    """The signed-in practitioner's own name, profession and registration number, as
    printed on the documents they sign."""

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.setWindowTitle(self.tr("My profile"))
        account = accounts.current
        self.fields = AccountFields(self, with_password=False)
        self.fields.username.setEnabled(False)
        if account is not None:
            self.fields.load(account.profile)
            self.fields.username.setText(account.username)
        self.buttons = _buttons(self, self.tr("&Save"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.addLayout(self.fields.form.layout)
        layout.addWidget(self.buttons)
        fit_to_contents(self, min_width=480)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            self._accounts.update_profile(self.fields.profile())
        except ValidationError as e:
            self.fields.form.show_errors(e.by_field())
            return
        self.accept()


class AddPractitionerDialog(QDialog):
    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.setWindowTitle(self.tr("Add a practitioner"))
        self.fields = AccountFields(self)
        self.buttons = _buttons(self, self.tr("&Add"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.addLayout(self.fields.form.layout)
        layout.addWidget(QLabel(self.tr("Fields marked * are required.")))
        layout.addWidget(self.buttons)
        fit_to_contents(self, min_width=520)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            self._accounts.add_account(
                self.fields.profile(),
                self.fields.username.text(),
                self.fields.password.text(),
                self.fields.password_repeat.text(),
            )
        except ValidationError as e:
            self.fields.form.show_errors(e.by_field())
            return
        self.accept()
