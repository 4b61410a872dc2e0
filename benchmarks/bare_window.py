"""The baseline: a bare PySide6 window, shown, then quit once the event loop is idle (what
``mneedle-desktop --exit-when-ready`` does for the app)."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel


def ready_and_exit(app: QApplication) -> None:
    app.processEvents()  # as the app does with --exit-when-ready: the first paint first
    print("ready", flush=True)
    app.exit(0)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QLabel("MNeedle Desktop")
    window.resize(400, 300)
    window.show()
    QTimer.singleShot(0, lambda: ready_and_exit(app))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
