"""The owner's list of practitioner accounts: add, disable, enable, reset a password."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mneedle_desktop.domain.accounts import Account
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.services.accounts import AccountService
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.password_dialogs import AddPractitionerDialog, SetPasswordDialog


class PractitionersDialog(QDialog):
    def __init__(
        self, accounts: AccountService, dialogs: Dialogs, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._dialogs = dialogs
        self._rows: list[Account] = []
        self.setWindowTitle(self.tr("Practitioners"))
        self.resize(720, 400)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("User name"),
                self.tr("Profession"),
                self.tr("Role"),
                self.tr("Status"),
            ]
        )
        self.table.setAccessibleName(self.tr("Practitioner accounts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Add…"))
        self.disable_button = QPushButton(self.tr("&Disable"))
        self.enable_button = QPushButton(self.tr("&Enable…"))
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        for button, slot in (
            (self.add_button, self._on_add_clicked),
            (self.disable_button, self._on_disable_clicked),
            (self.enable_button, self._on_enable_clicked),
            (self.reset_button, self._on_reset_clicked),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        row = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.enable_button, self.reset_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        self._rows = self._accounts.accounts()
        self.table.setRowCount(len(self._rows))
        for i, a in enumerate(self._rows):
            values = (
                a.profile.full_name,
                a.username,
                a.profile.profession,
                self.tr("Owner") if a.is_owner else self.tr("Practitioner"),
                self.tr("Disabled") if a.disabled else self.tr("Active"),
            )
            for column, value in enumerate(values):
                self.table.setItem(i, column, QTableWidgetItem(value))
        self._update_buttons()

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        a = self.selected()
        me = self._accounts.current
        self.disable_button.setEnabled(
            a is not None and not a.disabled and (me is None or a.id != me.id)
        )
        self.enable_button.setEnabled(a is not None and a.disabled)
        self.reset_button.setEnabled(
            a is not None and not a.disabled and (me is None or a.id != me.id)
        )

    @Slot()
    def _on_add_clicked(self) -> None:
        if self._dialogs.run(AddPractitionerDialog(self._accounts, self)):
            self.refresh()

    @Slot()
    def _on_disable_clicked(self) -> None:
        a = self.selected()
        if a is None or not self._dialogs.confirm(
            self,
            self.tr("Disable {name}?").format(name=a.profile.full_name),
            self.tr(
                "{name} will no longer be able to sign in. Their records and audit entries "
                "stay. You can enable the account again with a new password."
            ).format(name=a.profile.full_name),
            self.tr("&Disable"),
        ):
            return
        self._accounts.disable(a.id)
        self.refresh()

    def _set_password(self, enable: bool) -> None:
        a = self.selected()
        if a is None:
            return
        dialog = SetPasswordDialog(a.profile.full_name, a.username, self)
        if not self._dialogs.run(dialog):
            return
        try:
            if enable:
                self._accounts.enable(a.id, dialog.new.text())
            else:
                self._accounts.reset_password(a.id, dialog.new.text())
        except (ValidationError, PermissionError) as e:
            message = e.errors[0].message if isinstance(e, ValidationError) else str(e)
            self._dialogs.warn(self, self.tr("Password not set"), message)
            return
        self.refresh()
        self._dialogs.inform(
            self,
            self.tr("Password set"),
            self.tr("{name} can now sign in with the new password.").format(
                name=a.profile.full_name
            ),
        )

    @Slot()
    def _on_enable_clicked(self) -> None:
        self._set_password(enable=True)

    @Slot()
    def _on_reset_clicked(self) -> None:
        self._set_password(enable=False)
