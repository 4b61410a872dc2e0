"""What happens when a bug escapes a slot: the log gets where it happened, the
practitioner gets a sentence, and the program carries on (answers already entered are
saved as the wizard goes)."""

import logging
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from mneedle_desktop.logs import log_unexpected
from mneedle_desktop.ui.dialogs import Dialogs

log = logging.getLogger(__name__)


class UnexpectedErrorHook:
    """A ``sys.excepthook`` for the running application."""

    def __init__(self, dialogs: Dialogs) -> None:
        self._dialogs = dialogs
        self._showing = False

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        log_unexpected(log, exc, tb)
        if self._showing:
            return  # one message at a time, not a cascade
        self._showing = True
        try:
            self._dialogs.error(
                QApplication.activeWindow(),
                QCoreApplication.translate("UnexpectedError", "Something went wrong"),
                QCoreApplication.translate(
                    "UnexpectedError",
                    "MNeedle Desktop met an unexpected error ({kind}). Consultations are "
                    "saved as you go; please check the last thing you entered. If it "
                    "happens again, tell your support contact: the details are in the "
                    "log file.",
                ).format(kind=exc_type.__name__),
            )
        finally:
            self._showing = False
