"""Every modal interaction of the program, in one place.

Widgets never call ``exec()`` or a static ``QMessageBox``/``QFileDialog`` function
themselves: they ask a ``Dialogs`` object, which the composition root passes in and which
tests replace with a scripted one.

The dialog classes (and ``QUrl``) are reached through their module
(``QtWidgets.QMessageBox``): PySide6 builds a class, its enums included, when it is first
used, and the first window, which makes a ``Dialogs``, opens none of them (2 ms of
start-up).
"""

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget


class Dialogs:
    def run(self, dialog: QDialog) -> bool:
        """Show ``dialog`` modally; True when it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QtWidgets.QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QtWidgets.QMessageBox.warning(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QtWidgets.QMessageBox.critical(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str, confirm_label: str) -> bool:
        """Ask a yes/no question; the safe answer (cancel) is the default."""
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, title, text, parent=parent)
        yes = box.addButton(confirm_label, QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is yes

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, file_filter: str
    ) -> Path | None:
        name, _ = QtWidgets.QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(name) if name else None

    def ask(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        choices: tuple[str, ...],
        *,
        escape: int,
        done: bool = False,
    ) -> int:
        """Offer ``choices`` as buttons (mnemonics allowed); the index chosen. Escape and
        the default both pick ``escape``, the safe choice. ``done``: the choices follow
        something done (a file saved), shown with the information icon, not a question
        mark."""
        icon = (
            QtWidgets.QMessageBox.Icon.Information if done else QtWidgets.QMessageBox.Icon.Question
        )
        box = QtWidgets.QMessageBox(icon, title, text, parent=parent)
        buttons = [box.addButton(c, QtWidgets.QMessageBox.ButtonRole.ActionRole) for c in choices]
        box.setDefaultButton(buttons[escape])
        box.setEscapeButton(buttons[escape])
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, b in enumerate(buttons) if b is clicked), escape)

    def open_path(self, path: Path) -> None:
        """Open a file (a PDF) or a folder with the system's program for it."""
        QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path)))

    def text(self, parent: QWidget | None, title: str, label: str) -> str | None:
        """Several lines of text typed in a small window; None when cancelled."""
        value, ok = QtWidgets.QInputDialog.getMultiLineText(parent, title, label)
        return value if ok else None

    def choose_folder(self, parent: QWidget | None, title: str) -> Path | None:
        name = QtWidgets.QFileDialog.getExistingDirectory(parent, title)
        return Path(name) if name else None

    def choose_file(
        self, parent: QWidget | None, title: str, start: Path, file_filter: str
    ) -> Path | None:
        name, _ = QtWidgets.QFileDialog.getOpenFileName(parent, title, str(start), file_filter)
        return Path(name) if name else None

    def choose_files(self, parent: QWidget | None, title: str, file_filter: str) -> list[Path]:
        names, _ = QtWidgets.QFileDialog.getOpenFileNames(parent, title, "", file_filter)
        return [Path(n) for n in names]

    def choose_image(self, parent: QWidget | None, title: str) -> Path | None:
        images = QCoreApplication.translate("Dialogs", "Images (*.png *.jpg *.jpeg *.bmp)")
        name, _ = QtWidgets.QFileDialog.getOpenFileName(parent, title, "", images)
        return Path(name) if name else None
