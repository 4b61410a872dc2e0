"""The clinic's details as form rows (the first-run set-up), and with the clinic's settings
(the clinic settings window)."""

from dataclasses import replace

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from mneedle_desktop.domain.clinic import (
    DEFAULT_AUTO_LOCK_MINUTES,
    DEFAULT_RETENTION_YEARS,
    MAX_AUTO_LOCK_MINUTES,
    MAX_RETENTION_YEARS,
    ClinicProfile,
)
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.form_widgets import multiline_field
from mneedle_desktop.ui.validated_form import ValidatedForm

LOGO_PREVIEW_HEIGHT = 48


class ClinicDetailsFields(QObject):
    """The details printed on documents (name, address, phone, email, logo) as rows of
    ``form``. The clinic's settings keep what was loaded, or their defaults."""

    def __init__(self, dialogs: Dialogs, owner: QWidget) -> None:
        super().__init__(owner)
        self._dialogs = dialogs
        self._owner = owner
        self._logo_png: bytes | None = None
        self._loaded = ClinicProfile(name="")
        self.name = QLineEdit()
        self.address = multiline_field(lines=3)
        self.phone = QLineEdit()
        self.email = QLineEdit()
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

        self.form = ValidatedForm(QFormLayout())
        self.form.add("clinic.name", self.tr("Clinic &name"), self.name, required=True)
        self.form.add("clinic.address", self.tr("&Address"), self.address)
        self.form.add("clinic.phone", self.tr("&Phone"), self.phone, required=True)
        self.form.add("clinic.email", self.tr("&Email"), self.email)
        self.form.add("clinic.logo", self.tr("Logo"), logo_row)

    def load(self, profile: ClinicProfile) -> None:
        # The settings this form does not show, brought within what the app allows (as the
        # settings window's spin boxes bring them): a value out of range, which an earlier
        # version could store, would stop the form from saving over a field it lacks.
        self._loaded = replace(
            profile,
            auto_lock_minutes=_within(profile.auto_lock_minutes, MAX_AUTO_LOCK_MINUTES),
            retention_years=_within(profile.retention_years, MAX_RETENTION_YEARS),
        )
        self.name.setText(profile.name)
        self.address.setPlainText(profile.address)
        self.phone.setText(profile.phone)
        self.email.setText(profile.email)
        self._set_logo(profile.logo_png)

    def profile(self) -> ClinicProfile:
        return replace(
            self._loaded,
            name=self.name.text(),
            address=self.address.toPlainText(),
            phone=self.phone.text(),
            email=self.email.text(),
            logo_png=self._logo_png,
        )

    def _set_logo(self, png: bytes | None) -> None:
        self._logo_png = png
        self.remove_logo.setEnabled(png is not None)
        if png is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("No logo"))
            return
        from mneedle_desktop.ui import logo_image  # not at start-up

        self.logo_preview.setPixmap(logo_image.preview(png, LOGO_PREVIEW_HEIGHT))

    @Slot()
    def _on_choose_logo_clicked(self) -> None:
        path = self._dialogs.choose_image(self._owner, self.tr("Choose the clinic logo"))
        if path is None:
            return
        from mneedle_desktop.ui import logo_image  # not at start-up

        png = logo_image.logo_png(path)
        if png is None:
            self._dialogs.warn(
                self._owner,
                self.tr("Logo not used"),
                self.tr("That file could not be read as an image. Choose a PNG or JPEG file."),
            )
            return
        self._set_logo(png)

    @Slot()
    def _on_remove_logo_clicked(self) -> None:
        self._set_logo(None)


def _within(value: int, most: int) -> int:
    return min(max(value, 1), most)


class ClinicFields(ClinicDetailsFields):
    """The details and the clinic's settings: when to lock, what PDF file names hold, how
    long signed records are kept."""

    def __init__(self, dialogs: Dialogs, owner: QWidget) -> None:
        super().__init__(dialogs, owner)
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setValue(DEFAULT_AUTO_LOCK_MINUTES)
        self.auto_lock.setAccessibleName(self.tr("Lock after this many minutes without use"))

        self.retention = QSpinBox()
        self.retention.setRange(1, MAX_RETENTION_YEARS)
        self.retention.setValue(DEFAULT_RETENTION_YEARS)
        self.retention.valueChanged.connect(self._on_retention_changed)
        self.retention.setAccessibleName(
            self.tr("Keep signed records this many years after the last consultation")
        )

        self.name_in_file_names = QCheckBox(self.tr("Include the client's na&me"))
        self.name_in_file_names.setToolTip(
            self.tr("Off: the date and record number only. Anyone who sees the folder sees names.")
        )
        self.form.add(
            "clinic.auto_lock_minutes", self.tr("&Lock after (minutes unused)"), self.auto_lock
        )
        self.form.add(
            "clinic.name_in_file_names", self.tr("PDF file names"), self.name_in_file_names
        )
        self.form.add("clinic.retention_years", self.tr("&Keep signed records"), self.retention)
        self.retention_hint = QLabel(
            self.tr(
                "Shorter than UK guidance for adults' records: {n} years after the last "
                "treatment. The consent tells clients the period set here."
            ).format(n=DEFAULT_RETENTION_YEARS)
        )
        self.retention_hint.setWordWrap(True)
        self.form.layout.addRow("", self.retention_hint)
        self._on_retention_changed(self.retention.value())

    @Slot(int)
    def _on_retention_changed(self, years: int) -> None:
        self.form.layout.setRowVisible(self.retention_hint, years < DEFAULT_RETENTION_YEARS)
        self.retention.setSuffix(
            self.tr(" year after the last consultation")
            if years == 1
            else self.tr(" years after the last consultation")
        )

    def load(self, profile: ClinicProfile) -> None:
        super().load(profile)
        self.auto_lock.setValue(profile.auto_lock_minutes)
        self.name_in_file_names.setChecked(profile.name_in_file_names)
        self.retention.setValue(profile.retention_years)

    def profile(self) -> ClinicProfile:
        return replace(
            super().profile(),
            auto_lock_minutes=self.auto_lock.value(),
            name_in_file_names=self.name_in_file_names.isChecked(),
            retention_years=self.retention.value(),
        )
