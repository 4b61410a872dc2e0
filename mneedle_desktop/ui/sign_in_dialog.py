"""Signing in, unlocking, and recovering access with the recovery key.

The window shows nothing about any client: only the clinic's name and, when the app is
locked, who locked it.
"""

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mneedle_desktop.domain.accounts import Account
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.services.sign_in_errors import (
    AccountLockedError,
    NoSuchAccountError,
    SignInError,
)
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.account_fields import password_field
from mneedle_desktop.ui.alignment import HCENTER, VCENTER, set_alignment
from mneedle_desktop.ui.form_widgets import error_label, fit_to_contents, grow_to_fit
from mneedle_desktop.ui.validated_form import ValidatedForm

MIN_WIDTH = 440


class SignInDialog(QDialog):
    """Signals:
    signed_in(Account): a practitioner signed in (or unlocked, or recovered access).
    """

    signed_in = Signal(object)

    def __init__(
        self,
        services: AppServices,
        clinic_name: str,
        *,
        locked_by: Account | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._locked_by = locked_by
        self.setWindowTitle(self.tr("Locked") if locked_by else self.tr("Sign in"))

        heading = QLabel(clinic_name or self.tr("MNeedle Desktop"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        if locked_by is not None:
            text = self.tr(
                "MNeedle Desktop is locked. {name}, enter your password to go back to where "
                "you were, or sign in as someone else."
            ).format(name=locked_by.profile.full_name)
        else:
            text = self.tr("Sign in to see the clinic's clients.")
        self._intro = QLabel(text)
        self._intro.setWordWrap(True)

        # Page 1: sign in
        self.username = QLineEdit()
        self.password = password_field()
        self.message = error_label()
        self.message.setObjectName("signInMessage")
        self.message.hide()
        sign_in_form = ValidatedForm(QFormLayout())
        sign_in_form.add("username", self.tr("&User name"), self.username)
        sign_in_form.add("password", self.tr("Pass&word"), self.password)
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self.forgot_button = QPushButton(self.tr("&Forgot your password?"))
        self.forgot_button.setFlat(True)
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.clicked.connect(self._on_forgot_clicked)
        self.sign_in_page = QWidget()
        page_layout = QVBoxLayout(self.sign_in_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addLayout(sign_in_form.layout)
        page_layout.addWidget(self.message)
        sign_in_buttons = QDialogButtonBox()
        sign_in_buttons.addButton(self.forgot_button, QDialogButtonBox.ButtonRole.ResetRole)
        sign_in_buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        page_layout.addWidget(sign_in_buttons)

        # Page 2: recovery key
        self.recovery_username = QLineEdit()
        self.recovery_key = QLineEdit()
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-…")
        # The whole key in view: 14 groups of four letters and digits.
        sample_key = "-".join(["ABCD"] * 14)
        self.recovery_key.setMinimumWidth(self.fontMetrics().horizontalAdvance(sample_key) + 16)
        self.new_password = password_field()
        self.new_password_repeat = password_field()
        self.recovery_form = ValidatedForm(QFormLayout())
        self.recovery_form.add("username", self.tr("&User name"), self.recovery_username)
        self.recovery_form.add("recovery_key", self.tr("&Recovery key"), self.recovery_key)
        self.recovery_form.add("password", self.tr("&New password"), self.new_password)
        self.recovery_form.add(
            "password_repeat", self.tr("Repeat new pass&word"), self.new_password_repeat
        )
        recover_intro = QLabel(
            self.tr(
                "With the recovery key shown when the clinic was set up, you can set a new "
                "password. Ask the clinic's owner first: they can reset it for you."
            )
        )
        recover_intro.setWordWrap(True)
        self.recover_button = QPushButton(self.tr("Set &password and sign in"))
        self.recover_button.clicked.connect(self._on_recover_clicked)
        back = QPushButton(self.tr("&Back"))
        back.setAutoDefault(False)
        back.clicked.connect(self._on_back_clicked)
        self.recovery_page = QWidget()
        recover_layout = QVBoxLayout(self.recovery_page)
        recover_layout.setContentsMargins(0, 0, 0, 0)
        recover_layout.addWidget(recover_intro)
        recover_layout.addLayout(self.recovery_form.layout)
        recover_buttons = QDialogButtonBox()
        recover_buttons.addButton(back, QDialogButtonBox.ButtonRole.RejectRole)
        recover_buttons.addButton(self.recover_button, QDialogButtonBox.ButtonRole.AcceptRole)
        recover_layout.addWidget(recover_buttons)

        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 24)
        outer.setSpacing(16)
        set_alignment(heading, HCENTER | VCENTER)
        outer.addWidget(heading)
        outer.addWidget(self._intro)
        outer.addWidget(self.pages)
        self._show_page(self.sign_in_page)
        if locked_by is not None:  # once the page is in the window, or the focus is lost
            self.username.setText(locked_by.username)
            self.password.setFocus()
        # The default button once it is in the dialog: set before, the dialog does not
        # keep it as its default, and Enter stops signing in once the button was clicked.
        self.sign_in_button.setDefault(True)

    def reject(self) -> None:
        """Escape or closing the window: back from the recovery page, or quit the app."""
        if self.pages.currentWidget() is self.recovery_page:
            self._on_back_clicked()
            return
        super().reject()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        grow_to_fit(self)  # room for the message: the window is sized to its contents

    @Slot()
    def _on_sign_in_clicked(self) -> None:
        try:
            account = self._services.accounts.sign_in(
                self.username.text(),
                self.password.text(),
                unlocking=self._locked_by is not None
                and self.username.text().strip().lower() == self._locked_by.username,
            )
        except AccountLockedError as e:
            self._show_message(str(e))  # the password stays typed: try again in a moment
            return
        except (SignInError, StoreError) as e:
            self.password.clear()
            self.password.setFocus()
            self._show_message(str(e))
            return
        self.password.clear()
        self.signed_in.emit(account)
        self.accept()

    def _show_page(self, page: QWidget) -> None:
        """Show ``page``, the window sized to it. The stack holds only the page shown: a
        stacked layout gives every page the height of its tallest (for pages of wrapped
        text, whatever their size policy), which left a gap above the sign-in buttons."""
        before = self.geometry()
        shown = self.pages.currentWidget()
        if shown is not None and shown is not page:
            self.pages.removeWidget(shown)
        if self.pages.indexOf(page) < 0:
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self._intro.setVisible(page is self.sign_in_page)  # the recovery page has its own
        fit_to_contents(self, min_width=MIN_WIDTH)
        if self.isVisible():  # where it was, centred: it changes width between pages
            after = self.geometry()
            self.move(
                self.x() + (before.width() - after.width()) // 2,
                self.y() + (before.height() - after.height()) // 2,
            )

    @Slot()
    def _on_forgot_clicked(self) -> None:
        self.recovery_username.setText(self.username.text())
        self._show_page(self.recovery_page)
        (self.recovery_key if self.recovery_username.text() else self.recovery_username).setFocus()
        self.recover_button.setDefault(True)

    @Slot()
    def _on_back_clicked(self) -> None:
        self._show_page(self.sign_in_page)
        self.sign_in_button.setDefault(True)
        (self.password if self.username.text() else self.username).setFocus()

    @Slot()
    def _on_recover_clicked(self) -> None:
        missing = {
            field: message
            for field, box, message in (
                ("username", self.recovery_username, self.tr("Type your user name.")),
                ("recovery_key", self.recovery_key, self.tr("Type the recovery key.")),
            )
            if not box.text().strip()
        }
        if missing:
            self.recovery_form.show_errors(missing)
            return
        if self.new_password.text() != self.new_password_repeat.text():
            self.recovery_form.show_errors(
                {"password_repeat": self.tr("The two passwords are not the same.")}
            )
            return
        try:
            account = self._services.accounts.recover(
                self.recovery_username.text(), self.recovery_key.text(), self.new_password.text()
            )
        except ValidationError as e:
            self.recovery_form.show_errors(e.by_field())
            return
        except NoSuchAccountError as e:
            self.recovery_form.show_errors({"username": str(e)})
            return
        except (SignInError, StoreError) as e:
            self.recovery_form.show_errors({"recovery_key": str(e)})
            return
        for field in (self.recovery_key, self.new_password, self.new_password_repeat):
            field.clear()
        self.signed_in.emit(account)
        self.accept()
