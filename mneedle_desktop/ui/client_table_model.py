"""The client list as a Qt table model."""

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from mneedle_desktop.domain.clients import ClientSummary
from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.domain.text import fold
from mneedle_desktop.ui.date_edit import format_date

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    FAMILY_NAME = 0
    GIVEN_NAME = 1
    DATE_OF_BIRTH = 2
    LAST_CONSULTATION = 3
    STATUS = 4


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClientTableModel", text)


def _headers() -> dict[Column, str]:
    return {
        Column.FAMILY_NAME: _tr("Family name"),
        Column.GIVEN_NAME: _tr("Given name"),
        Column.DATE_OF_BIRTH: _tr("Date of birth"),
        Column.LAST_CONSULTATION: _tr("Last consultation"),
        Column.STATUS: _tr("Status"),
    }


def status_text(status: ConsultationStatus | None) -> str:
    return {
        None: _tr("No consultations yet"),
        ConsultationStatus.DRAFT: _tr("Draft"),
        ConsultationStatus.SIGNED: _tr("Signed"),
        ConsultationStatus.DEFERRED: _tr("Deferred"),
        ConsultationStatus.NOT_SUITABLE: _tr("Not suitable"),
    }[status]


def row_status(row: ClientSummary) -> str:
    return _tr("Erasure requested") if row.erasing else status_text(row.last_status)


def _sort_key(column: Column, row: ClientSummary) -> tuple[Any, ...]:
    names = (fold(row.family_name), fold(row.given_name))
    if column == Column.GIVEN_NAME:
        return (names[1], names[0])
    if column == Column.DATE_OF_BIRTH:
        return (row.date_of_birth, *names)
    if column == Column.LAST_CONSULTATION:
        return (row.last_consultation is None, row.last_consultation or row.date_of_birth, *names)
    if column == Column.STATUS:
        return (row_status(row), *names)
    return names


class ClientTableModel(QAbstractTableModel):
    CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self._all: list[ClientSummary] = []  # every client, in the current order
        self._rows: list[ClientSummary] = []  # those shown
        self._sort = (Column.FAMILY_NAME, Qt.SortOrder.AscendingOrder)

    def set_all(self, rows: list[ClientSummary]) -> None:
        """Every client; sorted once here, not at each keystroke."""
        self._all = self._sorted(rows)
        self.set_rows(self._all)

    def all_rows(self) -> list[ClientSummary]:
        """Every client, in the order shown."""
        return self._all

    def set_rows(self, rows: list[ClientSummary]) -> None:
        """Show ``rows``, a selection of ``all_rows`` kept in its order (a search's
        result): a keystroke never sorts."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, client_id: ClientId) -> int | None:
        for i, row in enumerate(self._rows):
            if row.id == client_id:
                return i
        return None

    def client_at(self, row: int) -> ClientSummary:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return _headers()[Column(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.CLIENT_ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            column = Column(index.column())
            if column == Column.FAMILY_NAME:
                return row.family_name
            if column == Column.GIVEN_NAME:
                return row.given_name
            if column == Column.DATE_OF_BIRTH:
                return format_date(row.date_of_birth)
            if column == Column.LAST_CONSULTATION:
                return format_date(row.last_consultation) or "—"
            return row_status(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort = (Column(column), order)
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows = self._sorted(self._rows)
        self._all = self._sorted(self._all)
        new_positions = {id(r): i for i, r in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            if persistent.isValid():
                new_row = new_positions[id(old[persistent.row()])]
                self.changePersistentIndex(persistent, self.index(new_row, persistent.column()))
        self.layoutChanged.emit()

    def _sorted(self, rows: list[ClientSummary]) -> list[ClientSummary]:
        column, order = self._sort
        return sorted(
            rows,
            key=lambda r: _sort_key(column, r),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
