"""The audit log for the owner: filter it, read it, export it as CSV."""

from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mneedle_desktop.domain.audit import AuditAction
from mneedle_desktop.services.accounts import AccountService
from mneedle_desktop.services.audit import AuditFilter, AuditRow, AuditService
from mneedle_desktop.ui.dialogs import Dialogs

_Index = QModelIndex | QPersistentModelIndex


class AuditColumn(IntEnum):
    TIME = 0
    PRACTITIONER = 1
    ACTION = 2
    ENTITY = 3
    DETAIL = 4


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditTableModel", text)


class AuditTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self._rows = list(reversed(rows))  # newest first
        self.endResetModel()

    def rows(self) -> list[AuditRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AuditColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = {
            AuditColumn.TIME: _tr("Time"),
            AuditColumn.PRACTITIONER: _tr("Practitioner"),
            AuditColumn.ACTION: _tr("Action"),
            AuditColumn.ENTITY: _tr("Record"),
            AuditColumn.DETAIL: _tr("Detail"),
        }
        return names.get(AuditColumn(section)) if 0 <= section < len(AuditColumn) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = AuditColumn(index.column())
        if column is AuditColumn.TIME:
            local = QDateTime.fromSecsSinceEpoch(int(row.at.timestamp())).toLocalTime()
            return local.toString("yyyy-MM-dd HH:mm:ss")
        if column is AuditColumn.PRACTITIONER:
            return row.practitioner
        if column is AuditColumn.ACTION:
            return row.entry.action.replace("_", " ")
        if column is AuditColumn.ENTITY:
            if row.subject:
                return f"{row.entry.entity}: {row.subject}"
            entity_id = row.entry.entity_id
            return f"{row.entry.entity} {entity_id[:8]}" if entity_id else row.entry.entity
        return row.entry.detail


class AuditDialog(QDialog):
    def __init__(
        self,
        audit: AuditService,
        accounts: AccountService,
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._audit = audit
        self._dialogs = dialogs
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(900, 560)
        self.practitioner = QComboBox()
        self.practitioner.setAccessibleName(self.tr("Practitioner"))
        self.practitioner.addItem(self.tr("Everyone"), None)
        for account in accounts.accounts():
            self.practitioner.addItem(account.profile.full_name, account.id)
        self.action = QComboBox()
        self.action.setAccessibleName(self.tr("Action"))
        self.action.addItem(self.tr("All actions"), None)
        for action in AuditAction:
            self.action.addItem(action.value.replace("_", " "), action.value)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Filter by record or detail"))
        self.text.setAccessibleName(self.tr("Filter text"))
        for signal in (
            self.practitioner.currentIndexChanged,
            self.action.currentIndexChanged,
            self.text.textChanged,
        ):
            signal.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("&Who:")))
        filters.itemAt(0).widget().setBuddy(self.practitioner)  # type: ignore[union-attr]
        filters.addWidget(self.practitioner)
        filters.addWidget(self.action)
        filters.addWidget(self.text, 1)
        self.model = AuditTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Audit entries"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        where = AuditFilter(
            practitioner_id=self.practitioner.currentData(),
            action=self.action.currentData(),
            text=self.text.text(),
        )
        self.model.set_rows(self._audit.rows(where))
        self.count.setText(self.tr("{n} entries").format(n=self.model.rowCount()))

    @Slot()
    def _on_export_clicked(self) -> None:
        path = self._dialogs.save_file(
            self,
            self.tr("Export the audit log"),
            str(Path.home() / "audit-log.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if path is None:
            return
        try:
            self._audit.export_csv(path, list(reversed(self.model.rows())))
        except OSError as e:
            self._dialogs.error(
                self,
                self.tr("Not exported"),
                self.tr("The file could not be written ({reason}).").format(reason=e.strerror or e),
            )
            return
        self.refresh()  # the export is itself an entry
        self._dialogs.inform(
            self, self.tr("Exported"), self.tr("Saved to {path}.").format(path=path)
        )
