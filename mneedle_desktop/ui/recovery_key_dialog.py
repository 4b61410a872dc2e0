"""Showing the recovery key, once."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mneedle_desktop.ui.form_widgets import fit_to_contents


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your recovery key"))
        intro = QLabel(
            self.tr(
                "This recovery key opens the clinic's records if every password is lost. "
                "It is shown only now. Write it down, check it, and keep it somewhere safe "
                "away from this laptop. The owner can make a new one later under Clinic."
            )
        )
        intro.setWordWrap(True)
        groups = recovery_key.split("-")
        lines = ["-".join(groups[i : i + 5]) for i in range(0, len(groups), 5)]
        self.key_label = QLabel("\n".join(lines))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.confirmed = QCheckBox(self.tr("I have &written down or printed the recovery key"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.continue_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.continue_button.setText(self.tr("&Continue"))
        self.continue_button.setEnabled(False)
        self.confirmed.toggled.connect(self.continue_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 16)
        outer.setSpacing(16)
        outer.addWidget(intro)
        outer.addWidget(self.key_label)
        outer.addWidget(self.confirmed)
        outer.addWidget(self.buttons)
        fit_to_contents(self, min_width=520)

    def reject(self) -> None:
        """Escape does not skip the key: it is never shown again."""
        if self.confirmed.isChecked():
            self.accept()
