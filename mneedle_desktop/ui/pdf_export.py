"""Saving a signed consultation's PDF where the practitioner chooses, then opening it."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from mneedle_desktop.domain.consultations import Consultation
from mneedle_desktop.services.consultations import ConsultationService
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.dialogs import Dialogs

OPEN_FILE, OPEN_FOLDER, CLOSE = 0, 1, 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("PdfExport", text)


def export_pdf(
    parent: QWidget,
    consultations: ConsultationService,
    dialogs: Dialogs,
    consultation: Consultation,
) -> Path | None:
    """Ask where to save, write the PDF (atomically), offer to open it. None if not saved."""
    suggested = Path.home() / consultations.pdf_name(consultation)
    path = dialogs.save_file(
        parent, _tr("Save the consultation PDF"), str(suggested), _tr("PDF documents (*.pdf)")
    )
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        consultations.export_pdf(consultation, path)
    except (StoreError, OSError, ValueError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        dialogs.error(
            parent,
            _tr("PDF not saved"),
            _tr("The PDF was not saved: {reason}").format(reason=reason),
        )
        return None
    choice = dialogs.ask(
        parent,
        _tr("PDF saved"),
        _tr("Saved to {path}.").format(path=path),
        (_tr("&Open the PDF"), _tr("Open the &folder"), _tr("&Close")),
        escape=CLOSE,
        done=True,
    )
    if choice == OPEN_FILE:
        dialogs.open_path(path)
    elif choice == OPEN_FOLDER:
        dialogs.open_path(path.parent)
    return path
