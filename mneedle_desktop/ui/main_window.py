"""The main window: the client list with search, and the actions on clients."""

import logging

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from mneedle_desktop import APP_NAME, __version__
from mneedle_desktop.domain.accounts import Account
from mneedle_desktop.domain.client_search import ClientIndex
from mneedle_desktop.domain.consultations import Consultation
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.services.clients import ClientNotFoundError
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui import long_lived
from mneedle_desktop.ui.about import AboutInfo
from mneedle_desktop.ui.audit_dialog import AuditDialog
from mneedle_desktop.ui.backup_actions import BackupActions
from mneedle_desktop.ui.client_dialog import ClientDialog
from mneedle_desktop.ui.client_record_actions import ClientRecordActions
from mneedle_desktop.ui.client_table_model import ClientTableModel, Column
from mneedle_desktop.ui.clinic_dialog import ClinicDialog
from mneedle_desktop.ui.date_edit import format_date, locale_is_day_first
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.history_dialog import HistoryDialog
from mneedle_desktop.ui.icons import icon
from mneedle_desktop.ui.password_dialogs import ChangePasswordDialog, ProfileDialog
from mneedle_desktop.ui.practitioners_dialog import PractitionersDialog
from mneedle_desktop.ui.recovery_key_dialog import RecoveryKeyDialog
from mneedle_desktop.ui.wheel_guard import install_wheel_guard
from mneedle_desktop.ui.wizard.wizard import ConsultationWizard

log = logging.getLogger(__name__)

CONTENT_MAX_WIDTH = 1100


class MainWindow(QMainWindow):
    """Signals:
    lock_requested(): the practitioner chose Lock.
    sign_out_requested(): the practitioner chose Sign out.
    clinic_changed(ClinicProfile): the owner saved the clinic's settings.
    restored(): the owner restored a backup; everyone is signed out.
    """

    lock_requested = Signal()
    sign_out_requested = Signal()
    clinic_changed = Signal(object)
    restored = Signal()

    def __init__(
        self,
        services: AppServices,
        dialogs: Dialogs,
        about: AboutInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        install_wheel_guard()  # its forms hold drop-down lists and spin boxes
        self._services = services
        self._dialogs = dialogs
        self._about = about
        self._index = ClientIndex([])
        self.setWindowTitle(APP_NAME)
        self.setObjectName("MainWindow")
        self.resize(1000, 640)

        self.model = ClientTableModel()
        self.table = QTableView()
        self.table.setObjectName("clientTable")
        self.table.setAccessibleName(self.tr("Clients"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.FAMILY_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        # Double click, or Enter on the selected row, opens the client.
        self.table.activated.connect(self._on_table_activated)

        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(self.tr("Search by name or date of birth"))
        self.search.setAccessibleName(self.tr("Search clients"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.installEventFilter(self)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        column = QWidget()
        column.setMaximumWidth(CONTENT_MAX_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(16, 16, 16, 8)
        column_layout.setSpacing(8)
        column_layout.addWidget(self.search)
        column_layout.addWidget(self.stack, 1)
        central = QWidget()
        central_layout = QHBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(column)
        self.setCentralWidget(central)

        self.wizard: ConsultationWizard | None = None
        self._warned_unreadable = 0
        self.signed_in_label = QLabel()
        self.statusBar().addPermanentWidget(self.signed_in_label)
        # How many clients the list shows: a widget of the status bar, which a passing
        # message (a menu's hint, "Backed up") covers for a moment, not a message of its
        # own, which the first hint would wipe.
        self.client_count = QLabel()
        self.statusBar().addWidget(self.client_count)
        self._build_actions()
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.layoutChanged.connect(self._on_model_sorted)
        self.setTabOrder(self.search, self.table)

    def show_account(self, account: Account) -> None:
        """Show the client list for the practitioner who just signed in."""
        self.signed_in_label.setText(
            self.tr("Signed in as {name}").format(name=account.profile.full_name)
        )
        for action in (
            self.clinic_action,
            self.practitioners_action,
            self.audit_action,
            self.recovery_action,
            self.backups.restore_action,
        ):
            action.setEnabled(account.is_owner)
        self.search.clear()
        self.refresh()

    def restore_view(self, search: str, selected: ClientId | None) -> None:
        """After unlocking: the same search and selection as before locking."""
        self.search.setText(search)
        if selected is not None:
            self.select_client(selected)

    def clear_client_data(self) -> None:
        """Locking: nothing about any client stays in the window's widgets."""
        self.search.clear()
        self._index = ClientIndex([])
        self.model.set_all([])
        self.empty_label.clear()
        self.signed_in_label.clear()
        self.client_count.clear()
        self.statusBar().clearMessage()

    def _build_actions(self) -> None:
        self.new_client_action = QAction(icon("user-plus"), self.tr("&New client"), self)
        self.new_client_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_client_action.triggered.connect(self._on_new_client_triggered)

        self.edit_client_action = QAction(icon("pencil"), self.tr("&Edit client"), self)
        self.edit_client_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_client_action.setEnabled(False)
        self.edit_client_action.triggered.connect(self._on_edit_client_triggered)

        self.new_consultation_action = QAction(
            icon("clipboard-plus"), self.tr("New &consultation"), self
        )
        self.new_consultation_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_consultation_action.setEnabled(False)
        self.new_consultation_action.triggered.connect(self._on_new_consultation_triggered)

        self.history_action = QAction(icon("clock"), self.tr("Consultation &history…"), self)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.setEnabled(False)
        self.history_action.triggered.connect(self._on_history_triggered)

        self.clinic_action = QAction(icon("settings"), self.tr("C&linic settings…"), self)
        self.clinic_action.setShortcut(QKeySequence("Ctrl+,"))
        self.clinic_action.setIconText(self.tr("Clinic settings"))
        self.clinic_action.triggered.connect(self._on_clinic_triggered)

        self.about_action = QAction(icon("info"), self.tr("&About MNeedle Desktop"), self)
        self.about_action.setShortcut(QKeySequence("F1"))
        self.about_action.setIconText(self.tr("About"))
        self.about_action.triggered.connect(self._on_about_triggered)

        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_requested)

        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.sign_out_action.triggered.connect(self.sign_out_requested)

        self.change_password_action = QAction(self.tr("Change my &password…"), self)
        self.change_password_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.change_password_action.triggered.connect(self._on_change_password_triggered)

        self.practitioners_action = QAction(icon("users"), self.tr("&Practitioners…"), self)
        self.practitioners_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.practitioners_action.triggered.connect(self._on_practitioners_triggered)

        self.profile_action = QAction(self.tr("My &profile…"), self)
        self.profile_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.profile_action.triggered.connect(self._on_profile_triggered)

        self.recovery_action = QAction(self.tr("New &recovery key…"), self)
        self.recovery_action.triggered.connect(self._on_recovery_triggered)

        self.audit_action = QAction(self.tr("&Audit log…"), self)
        self.audit_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.audit_action.triggered.connect(self._on_audit_triggered)

        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)

        self.find_action = QAction(self.tr("&Find client"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._on_find_triggered)

        self.backups = BackupActions(
            self._services, self._dialogs, self, lambda: self.wizard is not None
        )
        self.backups.restored.connect(self.restored)
        self.backups.purged.connect(self.refresh)
        self.records = ClientRecordActions(
            self._services, self._dialogs, self, self.selected_client_id, self.selected_client_name
        )
        self.records.changed.connect(self.refresh)

        menus = self.menuBar()
        clients_menu = menus.addMenu(self.tr("&Clients"))
        for action in (
            self.new_client_action,
            self.edit_client_action,
            self.new_consultation_action,
            self.history_action,
            self.find_action,
        ):
            clients_menu.addAction(action)
        clients_menu.addSeparator()
        clients_menu.addAction(self.records.export_action)
        clients_menu.addAction(self.records.import_action)
        clients_menu.addAction(self.records.erase_action)
        clients_menu.addSeparator()
        clients_menu.addAction(self.lock_action)
        clients_menu.addAction(self.sign_out_action)
        clients_menu.addAction(self.change_password_action)
        clients_menu.addAction(self.profile_action)
        clients_menu.addSeparator()
        clients_menu.addAction(self.quit_action)
        clinic_menu = menus.addMenu(self.tr("C&linic"))
        for action in (
            self.clinic_action,
            self.practitioners_action,
            self.audit_action,
            self.recovery_action,
        ):
            clinic_menu.addAction(action)
        clinic_menu.addSeparator()
        clinic_menu.addAction(self.backups.back_up_action)
        clinic_menu.addAction(self.backups.restore_action)
        menus.addMenu(self.tr("&Help")).addAction(self.about_action)

        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.new_client_action)
        toolbar.addAction(self.edit_client_action)
        toolbar.addAction(self.new_consultation_action)
        toolbar.addAction(self.history_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.clinic_action)
        toolbar.addAction(self.about_action)
        self.addToolBar(toolbar)

    # Data -------------------------------------------------------------------------------

    def refresh(self, select: ClientId | None = None) -> None:
        """Reload the client list from the store and re-apply the search."""
        if self._services.accounts.current is None:
            return  # locked: nothing to show
        try:
            summaries = self._services.clients.summaries()
        except StoreError as e:
            self._dialogs.error(self, self.tr("Client list not loaded"), str(e))
            summaries = []
        self.model.set_all(summaries)
        # The index holds the clients in the order shown: a search's result needs no sort.
        self._index = ClientIndex(
            self.model.all_rows(), day_first=locale_is_day_first(self.locale())
        )
        self._apply_search(select)
        # The search's letter buckets are made just after the list is on screen.
        QTimer.singleShot(0, self._settle_list)
        unreadable = len(self._services.clients.unreadable)
        if unreadable and unreadable != self._warned_unreadable:
            self._warned_unreadable = unreadable
            self._dialogs.warn(
                self,
                self.tr("Some records cannot be shown"),
                self.tr(
                    "{n} client record(s) were changed outside MNeedle Desktop and are not "
                    "shown. Tell the clinic's owner, and restore your latest backup."
                ).format(n=unreadable),
            )

    @Slot()
    def _settle_list(self) -> None:
        self._index.prepare()
        long_lived.settle()  # the list and its index: out of the cycle collector's way

    def _apply_search(self, select: ClientId | None = None) -> None:
        query = self.search.text()
        rows = self._index.search(query)
        self.model.set_rows(rows)
        total = len(self._index)
        if total == 0:
            self.empty_label.setText(
                self.tr("No clients yet.\nAdd your first client with New client (Ctrl+N).")
            )
            self.stack.setCurrentWidget(self.empty_label)
        elif not rows:
            self.empty_label.setText(
                self.tr("No client matches “{query}”.").format(query=query.strip())
            )
            self.stack.setCurrentWidget(self.empty_label)
        else:
            self.stack.setCurrentWidget(self.table)
        clients = self.tr("1 client") if total == 1 else self.tr("{n} clients").format(n=total)
        if query.strip():
            message = self.tr("Showing {shown} of {clients}").format(
                shown=len(rows), clients=clients
            )
        else:
            message = clients
        self.client_count.setText(message)
        if select is not None:
            self.select_client(select)
        self._on_selection_changed()

    def select_client(self, client_id: ClientId) -> bool:
        row = self.model.row_of(client_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_client_id(self) -> ClientId | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return ClientId(self.model.client_at(rows[0].row()).id)

    # Handlers -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search box goes to the list, as Return does."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self._on_search_return_pressed()
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _on_model_sorted(self) -> None:
        self._index.reorder(self.model.all_rows())

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._apply_search(self.selected_client_id())

    @Slot()
    def _on_search_return_pressed(self) -> None:
        if self.model.rowCount() > 0:
            if self.selected_client_id() is None:
                self.table.selectRow(0)
            self.table.setFocus()

    @Slot()
    def _on_find_triggered(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot()
    def _on_selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        summary = self.model.client_at(rows[0].row()) if rows else None
        chosen = summary is not None
        # A client being erased keeps their signed records read-only: nothing is added.
        open_to_changes = chosen and not (summary is not None and summary.erasing)
        for action in (self.edit_client_action, self.new_consultation_action):
            action.setEnabled(open_to_changes)
        self.history_action.setEnabled(chosen)
        self.records.set_selection(chosen, erasing=chosen and not open_to_changes)

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        if self.edit_client_action.isEnabled():
            self._on_edit_client_triggered()

    @Slot()
    def _on_new_client_triggered(self) -> None:
        dialog = ClientDialog(self._services.clients, self._dialogs, parent=self)
        if self._dialogs.run(dialog) and dialog.saved_client is not None:
            self.search.clear()
            self.refresh(select=dialog.saved_client.id)
        dialog.deleteLater()

    @Slot()
    def _on_edit_client_triggered(self) -> None:
        client_id = self.selected_client_id()
        if client_id is None:
            return
        try:
            client = self._services.clients.open(client_id)
        except (ClientNotFoundError, StoreError) as e:
            self._dialogs.error(self, self.tr("Client not opened"), str(e))
            self.refresh()
            return
        dialog = ClientDialog(self._services.clients, self._dialogs, existing=client, parent=self)
        if self._dialogs.run(dialog) and dialog.saved_client is not None:
            self.refresh(select=dialog.saved_client.id)
        dialog.deleteLater()

    def selected_client_name(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return ""
        summary = self.model.client_at(rows[0].row())
        return f"{summary.given_name} {summary.family_name}"

    @Slot()
    def _on_new_consultation_triggered(self) -> None:
        client_id = self.selected_client_id()
        if client_id is None:
            return
        try:
            drafts = [d for d in self._services.consultations.drafts() if d.client_id == client_id]
            if drafts:
                latest = max(drafts, key=lambda d: d.updated_at)
                choice = self._dialogs.ask(
                    self,
                    self.tr("Unfinished consultation"),
                    self.tr(
                        "{name} has an unfinished consultation from {date}. Continue it, "
                        "or start a new one (the unfinished one stays in the history)?"
                    ).format(
                        name=self.selected_client_name(),
                        date=format_date(latest.consultation_date),
                    ),
                    (self.tr("&Continue it"), self.tr("Start &new"), self.tr("Cancel")),
                    escape=2,
                )
                if choice == 2:
                    return
                if choice == 0:
                    self.open_consultation(self._services.consultations.open(latest.id))
                    return
            consultation = self._services.consultations.start(client_id)
        except (LookupError, StoreError) as e:
            self._dialogs.error(self, self.tr("Consultation not started"), str(e))
            return
        self.open_consultation(consultation)

    def open_consultation(self, consultation: Consultation, parent: QWidget | None = None) -> None:
        """Run the wizard on a draft (a new one, or one being continued). The open wizard
        is remembered, so locking the app and unlocking comes back to it."""
        clinic = self._services.clinic.current()
        self.wizard = ConsultationWizard(
            self._services.consultations,
            self._dialogs,
            consultation,
            parent or self,
            clinic=clinic,
            practitioner=self._services.accounts.current,
        )
        self._dialogs.run(self.wizard)
        self.wizard.deleteLater()
        self.wizard = None
        self.refresh(select=consultation.client_id)

    def offer_to_resume(self) -> None:
        """After signing in: an unfinished consultation can be continued where it stopped."""
        drafts = self._services.consultations.drafts()
        if not drafts:
            return
        latest = max(drafts, key=lambda d: d.updated_at)
        # The name from the list already shown: reading every client again for one name
        # takes most of a second at 50,000 clients (done only when the list lacks it).
        client = next((c for c in self.model.all_rows() if c.id == latest.client_id), None)
        if client is None:
            summaries = self._services.clients.summaries()
            client = next((c for c in summaries if c.id == latest.client_id), None)
        name = f"{client.given_name} {client.family_name}" if client else self.tr("a client")
        choice = self._dialogs.ask(
            self,
            self.tr("Unfinished consultation"),
            self.tr(
                "The consultation with {name} from {date} was not finished. Continue it now?"
            ).format(
                name=name,
                date=format_date(latest.consultation_date),
            ),
            (self.tr("&Continue"), self.tr("&Later")),
            escape=1,
        )
        if choice == 0:
            self.open_consultation(self._services.consultations.open(latest.id))

    @Slot()
    def _on_history_triggered(self) -> None:
        client_id = self.selected_client_id()
        if client_id is None:
            return
        dialog = HistoryDialog(
            self._services,
            self._dialogs,
            client_id,
            self.selected_client_name(),
            self,
            continue_draft=self.open_consultation,
        )
        self._dialogs.run(dialog)
        dialog.deleteLater()
        self.refresh(select=client_id)

    @Slot()
    def _on_clinic_triggered(self) -> None:
        dialog = ClinicDialog(self._services.clinic, self._dialogs, parent=self)
        dialog.profile_saved.connect(self.clinic_changed)
        self._dialogs.run(dialog)
        dialog.deleteLater()

    @Slot()
    def _on_practitioners_triggered(self) -> None:
        dialog = PractitionersDialog(self._services.accounts, self._dialogs, self)
        self._dialogs.run(dialog)
        dialog.deleteLater()

    @Slot()
    def _on_audit_triggered(self) -> None:
        dialog = AuditDialog(self._services.audit, self._services.accounts, self._dialogs, self)
        self._dialogs.run(dialog)
        dialog.deleteLater()

    @Slot()
    def _on_profile_triggered(self) -> None:
        dialog = ProfileDialog(self._services.accounts, self)
        if self._dialogs.run(dialog):
            account = self._services.accounts.current
            if account is not None:
                self.signed_in_label.setText(
                    self.tr("Signed in as {name}").format(name=account.profile.full_name)
                )
        dialog.deleteLater()

    @Slot()
    def _on_recovery_triggered(self) -> None:
        if not self._dialogs.confirm(
            self,
            self.tr("New recovery key?"),
            self.tr(
                "A new recovery key replaces the old one, which stops working. It is shown "
                "once: have paper and a pen ready."
            ),
            self.tr("&Make a new key"),
        ):
            return
        key = self._services.accounts.new_recovery_key()
        self._dialogs.run(RecoveryKeyDialog(key, self))

    @Slot()
    def _on_change_password_triggered(self) -> None:
        dialog = ChangePasswordDialog(self._services.accounts, self)
        if self._dialogs.run(dialog):
            self._dialogs.inform(
                self, self.tr("Password changed"), self.tr("Your password has been changed.")
            )
        dialog.deleteLater()

    @Slot()
    def _on_about_triggered(self) -> None:
        self._dialogs.inform(
            self,
            self.tr("About"),
            self.tr(
                "{app} {version}\n\nData folder: {folder}\nDatabase schema version: {schema}"
            ).format(
                app=APP_NAME,
                version=__version__,
                folder=self._about.data_dir,
                schema=self._about.schema_version,
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        log.info("main window closed")
        super().closeEvent(event)
