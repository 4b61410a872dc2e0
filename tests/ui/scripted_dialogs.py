"""A stand-in for ``ui.dialogs.Dialogs``: no modal loop ever runs in a test.

Each modal dialog the code opens is handed to the next scripted handler, which drives the
real widgets (typing, clicking) and so accepts or rejects it.
"""

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from mneedle_desktop.ui.dialogs import Dialogs

DialogHandler = Callable[[QDialog], None]


@dataclass(frozen=True)
class Message:
    kind: str
    title: str
    text: str


class ScriptedDialogs(Dialogs):
    def __init__(self) -> None:
        self.handlers: deque[DialogHandler] = deque()
        self.confirm_answers: deque[bool] = deque()
        self.images: deque[Path | None] = deque()
        self.choices: deque[int] = deque()
        self.texts: deque[str | None] = deque()
        self.save_paths: deque[Path | None] = deque()
        self.folders: deque[Path | None] = deque()
        self.files: deque[Path | None] = deque()
        self.file_lists: deque[list[Path]] = deque()
        self.messages: list[Message] = []

    def run(self, dialog: QDialog) -> bool:
        if not self.handlers:
            raise AssertionError(f"unexpected dialog: {dialog.windowTitle()}")
        dialog.show()
        self.handlers.popleft()(dialog)
        if dialog.isVisible():
            raise AssertionError(f"the script left {dialog.windowTitle()!r} open")
        return dialog.result() == QDialog.DialogCode.Accepted

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(Message("inform", title, text))

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(Message("warn", title, text))

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(Message("error", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str, confirm_label: str) -> bool:
        self.messages.append(Message("confirm", title, text))
        if not self.confirm_answers:
            raise AssertionError(f"unexpected question: {title}")
        return self.confirm_answers.popleft()

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
        self.messages.append(Message("told" if done else "ask", title, text))
        if not self.choices:
            raise AssertionError(f"unexpected question: {title}")
        return self.choices.popleft()

    def open_path(self, path: Path) -> None:
        self.messages.append(Message("open", "", str(path)))

    def text(self, parent: QWidget | None, title: str, label: str) -> str | None:
        self.messages.append(Message("text", title, label))
        return self.texts.popleft()

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, file_filter: str
    ) -> Path | None:
        self.messages.append(Message("save", title, suggested))
        if not self.save_paths:
            raise AssertionError(f"unexpected save dialog: {title}")
        return self.save_paths.popleft()

    def choose_folder(self, parent: QWidget | None, title: str) -> Path | None:
        self.messages.append(Message("folder", title, ""))
        if not self.folders:
            raise AssertionError(f"unexpected folder dialog: {title}")
        return self.folders.popleft()

    def choose_file(
        self, parent: QWidget | None, title: str, start: Path, file_filter: str
    ) -> Path | None:
        self.messages.append(Message("file", title, str(start)))
        if not self.files:
            raise AssertionError(f"unexpected file dialog: {title}")
        return self.files.popleft()

    def choose_files(self, parent: QWidget | None, title: str, file_filter: str) -> list[Path]:
        self.messages.append(Message("files", title, ""))
        if not self.file_lists:
            raise AssertionError(f"unexpected file dialog: {title}")
        return self.file_lists.popleft()

    def choose_image(self, parent: QWidget | None, title: str) -> Path | None:
        return self.images.popleft()
