"""Clinic settings (the owner only): the details printed on every document."""

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.clinic import ClinicService
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.clinic_fields import ClinicFields
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.form_widgets import fit_to_contents


class ClinicDialog(QDialog):
    """Signals:
    profile_saved(ClinicProfile): emitted once the details are stored.
    """

    profile_saved = Signal(object)

    def __init__(
        self, clinic: ClinicService, dialogs: Dialogs, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._clinic = clinic
        self._dialogs = dialogs
        self.setWindowTitle(self.tr("Clinic settings"))
        self.fields = ClinicFields(dialogs, self)
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
        outer.addLayout(self.fields.form.layout)
        outer.addWidget(QLabel(self.tr("Fields marked * are required.")))
        outer.addWidget(self.buttons)
        current = clinic.current()
        if current is not None:
            self.fields.load(current)
        self._initial = self.fields.profile()
        fit_to_contents(self, min_width=560)

    def reject(self) -> None:
        """Cancel or Escape: ask first when something changed would be lost."""
        if self.fields.profile() != self._initial and not self._dialogs.confirm(
            self,
            self.tr("Discard changes?"),
            self.tr("The clinic details you changed have not been saved. Discard them?"),
            self.tr("&Discard"),
        ):
            return
        super().reject()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            saved = self._clinic.save(self.fields.profile())
        except ValidationError as e:
            self.fields.form.show_errors(e.by_field())
            return
        except (StoreError, PermissionError) as e:
            self._dialogs.error(self, self.tr("Not saved"), str(e))
            return
        self.profile_saved.emit(saved)
        self.accept()
