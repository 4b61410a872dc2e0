"""First start: the clinic's details and the owner's account, in one short form. The
clinic's settings (when to lock, PDF file names, how long records are kept) start at their
defaults (or what an earlier version kept), which the form states, and are changed in
Clinic settings."""

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.account_fields import AccountFields
from mneedle_desktop.ui.clinic_fields import ClinicDetailsFields
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.validated_form import ValidatedForm


class FirstRunDialog(QDialog):
    """On success ``recovery_key`` holds the key to show once, and the owner is signed in."""

    def __init__(
        self, services: AppServices, dialogs: Dialogs, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # Its form holds a drop-down list (the profession). The guard is installed once the
        # form is drawn (no wheel can reach a form not yet on the screen): its filter then
        # does not see, in Python, the events of the first drawing (about 2 ms).
        QTimer.singleShot(0, _guard_the_wheel)
        self._services = services
        self._dialogs = dialogs
        self.recovery_key: str | None = None
        self.setWindowTitle(self.tr("Set up MNeedle Desktop"))
        self.clinic = ClinicDetailsFields(dialogs, self)
        self.owner = AccountFields(self)
        ValidatedForm.align_labels(self.clinic.form, self.owner.form)
        prefill = services.first_start.prefill()
        if prefill.clinic is not None:
            self.clinic.load(prefill.clinic)
        if prefill.practitioner is not None:
            self.owner.load(prefill.practitioner)

        intro = QLabel(
            self.tr(
                "Welcome. These details appear on consent forms and aftercare sheets. "
                "You will be the owner: you can add the clinic's other practitioners later."
            )
        )
        intro.setWordWrap(True)
        settings = QLabel(self._settings_words(self.clinic.profile()))
        settings.setWordWrap(True)
        advice = QLabel(
            self.tr(
                "Client records are encrypted with a key only your password (or the recovery "
                "key shown next) can open. Turn on your laptop's full-disk encryption too "
                "(BitLocker, FileVault or LUKS) so nothing else on it can be read if it is "
                "lost."
            )
        )
        advice.setWordWrap(True)
        clinic_box = QGroupBox(self.tr("Clinic"))
        clinic_box.setLayout(self.clinic.form.layout)
        owner_box = QGroupBox(self.tr("Your account"))
        owner_box.setLayout(self.owner.form.layout)

        # Button by button: the constructor taking both would build PySide6's Qt
        # namespace (see ui/alignment.py).
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setText(self.tr("&Create account"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)  # room beside the scroll bar, when it shows
        column.setSpacing(12)
        column.addWidget(intro)
        column.addWidget(clinic_box)
        column.addWidget(owner_box)
        column.addWidget(settings)
        column.addWidget(advice)
        column.addWidget(QLabel(self.tr("Fields marked * are required.")))
        column.addStretch(1)
        # The form scrolls on small screens; the buttons always stay in view.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 16)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        height = body.sizeHint().height() + 80
        if screen is not None:
            height = min(height, int(screen.height() * 0.9))
        self.resize(max(640, body.sizeHint().width() + 64), height)
        # Default once it is in the dialog (set before, Enter stops working once the
        # button was clicked).
        self.save_button.setDefault(True)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            self.recovery_key = self._services.accounts.create_owner(
                self.clinic.profile(),
                self.owner.profile(),
                self.owner.username.text(),
                self.owner.password.text(),
                self.owner.password_repeat.text(),
            )
        except ValidationError as e:
            errors = e.by_field()
            self.owner.form.show_errors(errors)
            self.clinic.form.show_errors(errors)
            elsewhere = [
                message
                for field, message in errors.items()
                if not self.owner.form.shows(field) and not self.clinic.form.shows(field)
            ]
            if elsewhere:  # a setting this form does not show
                self._dialogs.error(self, self.tr("Not set up"), "\n".join(elsewhere))
            return
        except (StoreError, PermissionError) as e:
            self._dialogs.error(self, self.tr("Not set up"), str(e))
            return
        self.owner.password.clear()
        self.owner.password_repeat.clear()
        self.accept()

    def _settings_words(self, starting: ClinicProfile) -> str:
        """What the clinic's settings start at (the defaults, or what an earlier version
        kept), and where to change them."""
        minutes, years = starting.auto_lock_minutes, starting.retention_years
        lock = (
            self.tr("The app locks itself after 1 minute without use")
            if minutes == 1
            else self.tr("The app locks itself after {n} minutes without use").format(n=minutes)
        )
        keep = (
            self.tr("signed records are kept 1 year after a client's last consultation")
            if years == 1
            else self.tr(
                "signed records are kept {n} years after a client's last consultation"
            ).format(n=years)
        )
        words = self.tr("{lock}, and {keep}.").format(lock=lock, keep=keep)
        if starting.name_in_file_names:
            words += " " + self.tr("PDF file names include the client's name.")
        return words + " " + self.tr("You can change these in Clinic settings.")


def _guard_the_wheel() -> None:
    from mneedle_desktop.ui.wheel_guard import install_wheel_guard

    install_wheel_guard()
