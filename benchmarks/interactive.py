"""What the practitioner waits for in the window: the client list after signing in, search
as you type, opening a client's history, turning the wizard's pages, an autosave. Real
widgets, offscreen."""

import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.stats import Figure
from benchmarks.stores import PASSWORD
from mneedle_desktop.cli.demo_command import DEMO_USERNAME
from mneedle_desktop.domain.clients import ClientSummary
from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.consultations import Consultation
from mneedle_desktop.domain.record_json import record_from_dict, record_to_dict
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.ui.about import AboutInfo
from mneedle_desktop.ui.application import AppController
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.history_dialog import HistoryDialog
from mneedle_desktop.ui.none_guard import keep_none_alive
from mneedle_desktop.ui.wizard.page_ids import PageId
from mneedle_desktop.ui.wizard.wizard import ConsultationWizard

# Typed one letter at a time: names in several scripts, and a date of birth.
QUERIES = ("smith", "ørsted", "nguyễn", "müller", "1990-05", "li", "wang")


def ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def signed_clients(services: AppServices, summaries: list[ClientSummary]) -> list[ClientSummary]:
    return [s for s in summaries if s.last_status is ConsultationStatus.SIGNED]


def complete_draft(services: AppServices, client: ClientSummary) -> Consultation:
    """A new consultation whose record is a whole assessment, not yet consented: the client's
    latest signed record, without its consent and signatures."""
    draft = services.consultations.start(client.id)
    signed = next(
        services.consultations.open(h.id)
        for h in services.consultations.history(client.id)
        if h.status is ConsultationStatus.SIGNED
    )
    data = record_to_dict(signed.record)
    for key in ("consent", "signatures", "practitioner", "content_version"):
        data.pop(key, None)
    data["record_id"] = draft.id
    data["consultation_date"] = services.consultations.today().isoformat()
    record = record_from_dict(data, services.consultations.catalogue)
    return services.consultations.save_draft(draft, record, page=0)


class _Later(Dialogs):
    """Offered the unfinished consultation after signing in, the practitioner says Later
    (a real message box would wait for a click)."""

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
        return escape


def _quiet(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's offscreen platform says it cannot size windows, once per window: not news."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def measure_window(services: AppServices, data_dir: Path, repeat: int) -> list[Figure]:
    qInstallMessageHandler(_quiet)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    keep_none_alive(app)  # as the app's own application object does (ui/none_guard.py)
    about = AboutInfo(data_dir, services.store.schema_version)
    # The app's own wiring (the idle watch, the wheel guard): what runs while someone is
    # signed in runs while these are measured.
    controller = AppController(services, _Later(), about, services.clock)
    sign_in = controller.show_sign_in()
    sign_in.username.setText(DEMO_USERNAME)
    sign_in.password.setText(PASSWORD)
    app.processEvents()
    # Clicking "Sign in" until the list is shown: the password's key derivation, then the
    # main window and the whole list.
    # Until the event loop has done what the click or the reload queued: the list drawn,
    # its search index made and set aside from the cycle collector, the offer of a draft.
    click = partial(_until_settled, app, sign_in.sign_in_button.click)
    figures = [Figure("sign-in: click to client list", "ms", (ms(click),))]
    window = controller.main_window
    assert window is not None
    load = [ms(partial(_until_settled, app, window.refresh)) for _ in range(max(1, repeat // 5))]
    figures.append(Figure("client list: load again", "ms", tuple(load)))

    keystrokes: list[float] = []
    for _ in range(max(1, repeat // 5)):
        for query in QUERIES:
            window.search.clear()
            app.processEvents()
            for i in range(1, len(query) + 1):
                keystrokes.append(ms(partial(window.search.setText, query[:i])))
    window.search.clear()
    figures.append(_judged("search: one keystroke", keystrokes, "p95 under 10 ms", 10))

    rng = random.Random(1)
    # The window's own list: a second copy of every client, which the app never holds,
    # would make each of the benchmark's cycle collections walk it.
    summaries = window.model.all_rows()
    with_history = [s for s in summaries if s.last_consultation is not None]

    def open_history(client: ClientSummary) -> None:
        dialog = HistoryDialog(
            services, Dialogs(), client.id, client.given_name, window,
            continue_draft=lambda *_: None,
        )  # fmt: skip
        dialog.show()
        app.processEvents()
        dialog.close()
        dialog.deleteLater()

    history = [ms(partial(open_history, rng.choice(with_history))) for _ in range(repeat)]
    figures.append(_judged("history: open a client's", history, "p95 under 20 ms", 20))
    figures += _wizard(services, app, rng, signed_clients(services, summaries), repeat)
    controller.idle.stop()
    window.close()
    services.accounts.sign_out()
    return figures


def _wizard(
    services: AppServices,
    app: QApplication,
    rng: random.Random,
    clients: list[ClientSummary],
    repeat: int,
) -> list[Figure]:
    turns: list[float] = []
    saves: list[float] = []
    # A wizard per repeat: each gives only five page turns, and a p95 needs many.
    for _ in range(repeat):
        wizard = ConsultationWizard(
            services.consultations,
            Dialogs(),
            complete_draft(services, rng.choice(clients)),
            clinic=ClinicProfile("Demo"),
            practitioner=services.accounts.current,
        )
        wizard.show()
        app.processEvents()

        def turn(w: ConsultationWizard = wizard) -> None:
            w.next()
            app.processEvents()

        while wizard.currentId() < PageId.PLAN:
            before = wizard.currentId()
            turns.append(ms(turn))
            if wizard.currentId() == before:
                break
        for i in range(max(1, repeat // 5)):
            wizard.draft.update(skin_notes=f"note {i}")
            saves.append(ms(partial(wizard.draft.save, wizard.currentId(), audit=False)))
        wizard.draft.stop()
        wizard.hide()
        wizard.deleteLater()
        app.processEvents()
    return [
        _judged("wizard: turn a page", turns, "p95 under 16 ms", 16),
        _judged("wizard: autosave", saves, "p95 under 16 ms", 16),
    ]


def _until_settled(app: QApplication, action: Callable[[], object]) -> None:
    action()
    for _ in range(3):  # zero-delay timers may queue more zero-delay work
        app.processEvents()


def _judged(name: str, samples: list[float], budget: str, p95_limit: float) -> Figure:
    figure = Figure(name, "ms", tuple(samples), budget)
    return Figure(name, "ms", tuple(samples), budget, figure.p95 < p95_limit)
