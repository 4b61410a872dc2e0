"""First-start clinic set-up, and the same form later as clinic settings."""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mneedle_desktop.domain.clinic import (
    PROFESSIONS,
    ClinicProfile,
    ClinicSetup,
    PractitionerProfile,
)
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.clinic import ClinicService
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.form_widgets import fit_to_contents, multiline_field
from mneedle_desktop.ui.validated_form import ValidatedForm

LOGO_MAX_SIDE = 600
LOGO_PREVIEW_HEIGHT = 48


class ClinicDialog(QDialog):
    """Signals:
    setup_saved(ClinicSetup): emitted once the details are stored.
    """

    setup_saved = Signal(object)

    def __init__(
        self,
        clinic: ClinicService,
        dialogs: Dialogs,
        *,
        first_start: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._clinic = clinic
        self._dialogs = dialogs
        self._logo_png: bytes | None = None
        self.setWindowTitle(self.tr("Set up your clinic") if first_start else self.tr("Clinic"))

        self.clinic_name = QLineEdit()
        self.clinic_address = multiline_field(lines=3)
        self.clinic_phone = QLineEdit()
        self.clinic_email = QLineEdit()
        self.logo_preview = QLabel(self.tr("No logo"))
        self.logo_preview.setMinimumHeight(LOGO_PREVIEW_HEIGHT)
        self.choose_logo = QPushButton(self.tr("C&hoose image…"))
        self.remove_logo = QPushButton(self.tr("Re&move"))
        self.remove_logo.setEnabled(False)
        for button in (self.choose_logo, self.remove_logo):
            button.setAutoDefault(False)  # Enter saves the form; it never opens a picker
        self.choose_logo.clicked.connect(self._on_choose_logo_clicked)
        self.remove_logo.clicked.connect(self._on_remove_logo_clicked)
        logo_row = QWidget()
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        logo_layout.addWidget(self.logo_preview, 1)
        logo_layout.addWidget(self.choose_logo)
        logo_layout.addWidget(self.remove_logo)
        logo_row.setAccessibleName(self.tr("Clinic logo"))

        self.practitioner_name = QLineEdit()
        self.profession = QComboBox()
        self.profession.setEditable(True)
        self.profession.addItems(list(PROFESSIONS))
        self.profession.setCurrentIndex(-1)
        self.registration = QLineEdit()

        clinic_layout = QFormLayout()
        practitioner_layout = QFormLayout()
        self.clinic_form = ValidatedForm(clinic_layout)
        self.clinic_form.add(
            "clinic.name", self.tr("Clinic &name"), self.clinic_name, required=True
        )
        self.clinic_form.add("clinic.address", self.tr("&Address"), self.clinic_address)
        self.clinic_form.add("clinic.phone", self.tr("&Phone"), self.clinic_phone, required=True)
        self.clinic_form.add("clinic.email", self.tr("&Email"), self.clinic_email)
        self.clinic_form.add("clinic.logo", self.tr("Logo"), logo_row)
        self.practitioner_form = ValidatedForm(practitioner_layout)
        self.practitioner_form.add(
            "practitioner.full_name", self.tr("&Your name"), self.practitioner_name, required=True
        )
        self.practitioner_form.add(
            "practitioner.profession", self.tr("P&rofession"), self.profession, required=True
        )
        self.practitioner_form.add(
            "practitioner.registration_number",
            self.tr("Re&gistration number"),
            self.registration,
            required=True,
        )

        ValidatedForm.align_labels(self.clinic_form, self.practitioner_form)

        clinic_box = QGroupBox(self.tr("Clinic"))
        clinic_box.setLayout(clinic_layout)
        practitioner_box = QGroupBox(self.tr("Practitioner"))
        practitioner_box.setLayout(practitioner_layout)

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
        if first_start:
            intro = QLabel(
                self.tr(
                    "Welcome. These details appear on consent forms and aftercare sheets. "
                    "You can change them later under Clinic."
                )
            )
            intro.setWordWrap(True)
            outer.addWidget(intro)
        outer.addWidget(clinic_box)
        outer.addWidget(practitioner_box)
        outer.addWidget(QLabel(self.tr("Fields marked * are required.")))
        outer.addWidget(self.buttons)

        current = clinic.current()
        if current is not None:
            self._load(current)
        self._initial = self.setup()
        fit_to_contents(self, min_width=560)

    def reject(self) -> None:
        """Cancel or Escape: ask first when something typed would be lost."""
        if self.setup() != self._initial and not self._dialogs.confirm(
            self,
            self.tr("Discard changes?"),
            self.tr("The clinic details you changed have not been saved. Discard them?"),
            self.tr("&Discard"),
        ):
            return
        super().reject()

    def _load(self, setup: ClinicSetup) -> None:
        c, p = setup.clinic, setup.practitioner
        self.clinic_name.setText(c.name)
        self.clinic_address.setPlainText(c.address)
        self.clinic_phone.setText(c.phone)
        self.clinic_email.setText(c.email)
        self._set_logo(c.logo_png)
        self.practitioner_name.setText(p.full_name)
        self.profession.setCurrentText(p.profession)
        self.registration.setText(p.registration_number)

    def setup(self) -> ClinicSetup:
        return ClinicSetup(
            ClinicProfile(
                name=self.clinic_name.text(),
                address=self.clinic_address.toPlainText(),
                phone=self.clinic_phone.text(),
                email=self.clinic_email.text(),
                logo_png=self._logo_png,
            ),
            PractitionerProfile(
                full_name=self.practitioner_name.text(),
                profession=self.profession.currentText(),
                registration_number=self.registration.text(),
            ),
        )

    def _set_logo(self, png: bytes | None) -> None:
        self._logo_png = png
        self.remove_logo.setEnabled(png is not None)
        if png is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("No logo"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.logo_preview.setPixmap(
            pixmap.scaledToHeight(LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        )

    def _on_choose_logo_clicked(self) -> None:
        path = self._dialogs.choose_image(self, self.tr("Choose the clinic logo"))
        if path is None:
            return
        image = QImage(str(path))
        if image.isNull():
            self._dialogs.warn(
                self,
                self.tr("Logo not used"),
                self.tr("That file could not be read as an image. Choose a PNG or JPEG file."),
            )
            return
        if max(image.width(), image.height()) > LOGO_MAX_SIDE:
            image = image.scaled(
                LOGO_MAX_SIDE,
                LOGO_MAX_SIDE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 accepts the format as str at run time, though its stubs say bytes.
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        self._set_logo(bytes(data.data()))

    def _on_remove_logo_clicked(self) -> None:
        self._set_logo(None)

    def _on_buttons_accepted(self) -> None:
        try:
            saved = self._clinic.save(self.setup())
        except ValidationError as e:
            errors = e.by_field()
            # Practitioner first, so focus lands on the topmost field with an error.
            self.practitioner_form.show_errors(errors)
            self.clinic_form.show_errors(errors)
            return
        except StoreError as e:
            self._dialogs.error(self, self.tr("Not saved"), str(e))
            return
        self.clinic_form.clear_errors()
        self.practitioner_form.clear_errors()
        self.setup_saved.emit(saved)
        self.accept()
