"""The Clients menu's "Export client record…" and "Import client records…"."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.services.client_import import ImportRefusedError
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.date_edit import format_date
from mneedle_desktop.ui.dialogs import Dialogs


class ClientRecordActions(QObject):
    """changed(): clients were added or erased; the client list should be read again."""

    changed = Signal()

    def __init__(
        self,
        services: AppServices,
        dialogs: Dialogs,
        window: QMainWindow,
        selected: Callable[[], ClientId | None],
        selected_name: Callable[[], str],
    ) -> None:
        super().__init__(window)
        self._services = services
        self._dialogs = dialogs
        self._window = window
        self._selected = selected
        self._selected_name = selected_name
        self.export_action = QAction(self.tr("E&xport client record…"), self)
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self.export_selected)
        self.import_action = QAction(self.tr("&Import client records…"), self)
        self.import_action.triggered.connect(self.import_files)
        self.erase_action = QAction(self.tr("E&rase client…"), self)
        self.erase_action.setEnabled(False)
        self.erase_action.triggered.connect(self.erase_selected)

    def set_selection(self, chosen: bool, *, erasing: bool = False) -> None:
        """Enable what needs a selected client (erasing: the owner only, once)."""
        account = self._services.accounts.current
        self.export_action.setEnabled(chosen)
        owner = account is not None and account.is_owner
        self.erase_action.setEnabled(chosen and owner and not erasing)

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
            report = self._services.client_export.export_client(client_id, target)
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
            report = self._services.client_import.import_paths(chosen)
        except ImportRefusedError as e:
            self._dialogs.error(self._window, self.tr("Nothing imported"), str(e))
            return
        except (StoreError, OSError) as e:
            self._dialogs.error(self._window, self.tr("Nothing imported"), str(e))
            return
        self.changed.emit()
        notes = "\n".join(report.notes)
        self._dialogs.inform(
            self._window,
            self.tr("Imported"),
            self.tr(
                "{clients} client(s) and {consultations} consultation(s) added; "
                "{clients_here} client(s) and {here} consultation(s) were already here.\n{notes}"
            ).format(
                clients=report.clients_added,
                consultations=report.consultations_added,
                clients_here=report.clients_already_here,
                here=report.already_here,
                notes=notes,
            ),
        )

    @Slot()
    def erase_selected(self) -> None:
        client_id = self._selected()
        if client_id is None:
            return
        name = self._selected_name()
        preview = self._services.erasure.preview(client_id)
        backups = self.tr(
            "Automatic backups made before now, and databases kept aside by a restore, are "
            "deleted after the next automatic backup. Delete any backup or export you keep "
            "elsewhere (a USB stick) by hand."
        )
        if preview.kept_until is None:
            text = self.tr(
                "{name} has no signed records: everything about them (details and drafts) is "
                "deleted now, for good.\n\n{backups}"
            ).format(name=name, backups=backups)
        else:
            text = self.tr(
                "{name} has signed records, which must be kept until {date} (the retention "
                "period set in Clinic settings). Their contact details and drafts are deleted "
                "now; the signed records on {date}.\n\n{backups}"
            ).format(name=name, date=format_date(preview.kept_until), backups=backups)
        if not self._dialogs.confirm(
            self._window, self.tr("Erase {name}?").format(name=name), text, self.tr("&Erase")
        ):
            return
        try:
            outcome = self._services.erasure.request(client_id)
        except (StoreError, LookupError, PermissionError) as e:
            self._dialogs.error(self._window, self.tr("Not erased"), str(e))
            return
        self.changed.emit()
        done = (
            self.tr("{name} is erased.").format(name=name)
            if outcome.kept_until is None
            else self.tr(
                "{name}'s contact details and drafts are erased. The signed records are "
                "deleted on {date}."
            ).format(name=name, date=format_date(outcome.kept_until))
        )
        self._dialogs.inform(self._window, self.tr("Erased"), done)
