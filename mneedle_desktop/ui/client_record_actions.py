"""The Clients menu's "Export client record…" and "Import client records…"."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.services.client_records import ImportRefusedError
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.dialogs import Dialogs


class ClientRecordActions(QObject):
    """imported(): records were added; the client list should be read again."""

    imported = Signal()

    def __init__(
        self,
        services: AppServices,
        dialogs: Dialogs,
        window: QMainWindow,
        selected: Callable[[], ClientId | None],
    ) -> None:
        super().__init__(window)
        self._services = services
        self._dialogs = dialogs
        self._window = window
        self._selected = selected
        self.export_action = QAction(self.tr("E&xport client record…"), self)
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self.export_selected)
        self.import_action = QAction(self.tr("&Import client records…"), self)
        self.import_action.triggered.connect(self.import_files)

    @Slot()
    def export_selected(self) -> None:
        client_id = self._selected()
        if client_id is None:
            return
        target = self._dialogs.save_file(
            self._window,
            self.tr("Export the client's record"),
            f"client-record-{client_id}.zip",
            self.tr("Zip files (*.zip)"),
        )
        if target is None:
            return
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        try:
            report = self._services.client_records.export_client(client_id, target)
        except (StoreError, OSError, LookupError) as e:
            self._dialogs.error(self._window, self.tr("Not exported"), str(e))
            return
        self._dialogs.inform(
            self._window,
            self.tr("Client record exported"),
            self.tr(
                "{path} holds the client's details, {consultations} consultation(s) in the "
                "documented record format and {documents} signed document(s). It is not "
                "encrypted: hand it over securely."
            ).format(
                path=report.path, consultations=report.consultations, documents=report.documents
            ),
        )

    @Slot()
    def import_files(self) -> None:
        chosen = self._dialogs.choose_files(
            self._window,
            self.tr("Import client records"),
            self.tr("Client records and record files (*.zip *.json)"),
        )
        if not chosen:
            return
        try:
            report = self._services.client_records.import_paths(chosen)
        except ImportRefusedError as e:
            self._dialogs.error(self._window, self.tr("Nothing imported"), str(e))
            return
        except (StoreError, OSError) as e:
            self._dialogs.error(self._window, self.tr("Nothing imported"), str(e))
            return
        self.imported.emit()
        notes = "\n".join(report.notes)
        self._dialogs.inform(
            self._window,
            self.tr("Imported"),
            self.tr(
                "{clients} client(s) and {consultations} consultation(s) added; {here} were "
                "already here.\n{notes}"
            ).format(
                clients=report.clients_added,
                consultations=report.consultations_added,
                here=report.already_here,
                notes=notes,
            ),
        )
