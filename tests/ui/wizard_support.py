"""What the wizard tests share."""

from PySide6.QtWidgets import QDialog

from mneedle_desktop.ui.wizard.wizard import ConsultationWizard


def close_quietly(w: object) -> None:
    """Test teardown closes windows: as the app does when it locks, keeping the draft."""
    assert isinstance(w, ConsultationWizard)
    if w.isVisible():
        w.done(QDialog.DialogCode.Rejected)
