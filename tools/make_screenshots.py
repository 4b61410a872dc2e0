"""Render the app's main windows to PNG files for the README and for visual review.

    python tools/make_screenshots.py [--out docs/screenshots] [--scale 1.5]

Runs offscreen on a throw-away data folder filled with invented clients.
"""

import argparse
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

DEMO_CLIENTS = [
    ("Ørsted-Łukasiewicz", "Zoë", date(1990, 5, 12)),
    ("Smith", "Adam", date(1985, 12, 5)),
    ("Παπαδοπούλου", "Ηλέκτρα", date(2001, 7, 4)),
    ("García Márquez", "José", date(1962, 3, 6)),
    ("Okafor", "Chidinma", date(1978, 11, 23)),
    ("Nguyễn", "Thị Lan", date(1995, 2, 14)),
    ("O'Brien", "Siobhán", date(1988, 8, 30)),
    ("Kowalski", "Piotr", date(1970, 4, 1)),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QWidget

    from mneedle_desktop.domain.clients import ClientDetails, Sex
    from mneedle_desktop.domain.clinic import ClinicProfile, PractitionerProfile
    from mneedle_desktop.domain.clock import FixedClock
    from mneedle_desktop.security.kdf import KdfParams
    from mneedle_desktop.services.container import AppServices
    from mneedle_desktop.ui.about import AboutInfo
    from mneedle_desktop.ui.application import application
    from mneedle_desktop.ui.client_dialog import ClientDialog
    from mneedle_desktop.ui.dialogs import Dialogs
    from mneedle_desktop.ui.first_run_dialog import FirstRunDialog
    from mneedle_desktop.ui.main_window import MainWindow
    from mneedle_desktop.ui.practitioners_dialog import PractitionersDialog
    from mneedle_desktop.ui.recovery_key_dialog import RecoveryKeyDialog
    from mneedle_desktop.ui.sign_in_dialog import SignInDialog
    from mneedle_desktop.ui.wizard.areas_page import AreasPage
    from mneedle_desktop.ui.wizard.history_page import HistoryPage
    from mneedle_desktop.ui.wizard.plan_page import PlanPage
    from mneedle_desktop.ui.wizard.skin_page import SkinPage
    from mneedle_desktop.ui.wizard.wizard import DEFAULT_SIZE, ConsultationWizard

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = application()
    suffix = "" if args.scale == 1.0 else f"@{args.scale:g}x"
    args.out.mkdir(parents=True, exist_ok=True)

    def save(widget: QWidget, name: str) -> None:
        widget.show()
        for _ in range(5):
            app.processEvents()
        path = args.out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        print(path)

    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(datetime(2026, 11, 25, 10, 0, tzinfo=UTC))
        # A cheap key derivation: these windows are pictures, not a real store.
        services = AppServices.open(Path(tmp) / "mneedle.sqlite3", clock, kdf=KdfParams(n=2**8))
        dialogs = Dialogs()
        save(FirstRunDialog(services, dialogs), "first-run")
        recovery = services.accounts.create_owner(
            ClinicProfile("Calm Skin Clinic", "1 High Street, Leeds", "0113 496 0000"),
            PractitionerProfile("Amira Khan", "Registered nurse", "NMC 12A3456B"),
            "amira",
            "a demo pass phrase",
        )
        save(RecoveryKeyDialog(recovery), "recovery-key")
        services.accounts.add_account(
            PractitionerProfile("Ben Ode", "Doctor", "GMC 7654321"), "ben", "another demo phrase"
        )
        for family, given, born in DEMO_CLIENTS:
            services.clients.add(ClientDetails(family, given, born, Sex.NOT_STATED))
        window = MainWindow(services, dialogs, AboutInfo(Path(tmp), services.store.schema_version))
        window.resize(1000, 560)
        account = services.accounts.current
        assert account is not None
        window.show_account(account)
        save(window, "main-window")
        window.search.setText("zoe")
        save(window, "main-window-search")
        client_dialog = ClientDialog(services.clients, dialogs, parent=window)
        client_dialog.save_button.click()  # show what missing fields look like
        save(client_dialog, "client-dialog")
        save(PractitionersDialog(services.accounts, dialogs), "practitioners")
        zoe = next(c for c in services.clients.summaries() if c.given_name == "Zoë")
        consultation = services.consultations.start(zoe.id)
        wizard = ConsultationWizard(services.consultations, dialogs, consultation)
        wizard.resize(DEFAULT_SIZE)  # the offscreen screen is smaller than a laptop's
        wizard.show()
        wizard.next()
        history = wizard.currentPage()
        assert isinstance(history, HistoryPage)
        for qid, row in history.rows.items():
            (row.yes if qid in ("isotretinoin", "cold_sores") else row.no).setChecked(True)
        history.rows["isotretinoin"].dates["last_dose"].set_value(date(2026, 9, 25))
        history.rows["isotretinoin"].edited.emit()
        save(wizard, "wizard-history")
        wizard.next()
        skin = wizard.currentPage()
        assert isinstance(skin, SkinPage)
        for combo in skin.quiz.values():
            combo.setCurrentIndex(2)
        save(wizard, "wizard-skin")
        wizard.next()
        areas = wizard.currentPage()
        assert isinstance(areas, AreasPage)
        areas.checks["cheeks"].setChecked(True)
        panel = areas.panels["cheeks"]
        panel.thickness.setCurrentIndex(1)
        panel.scar_type.setCurrentIndex(panel.scar_type.findData("rolling"))
        panel.gb_grade.setCurrentIndex(3)
        panel.gb_counts["moderate_dish"].setValue(14)
        save(wizard, "wizard-areas")
        wizard.next()
        save(wizard, "wizard-screening")
        wizard.done(0)
        wizard.deleteLater()  # as the app does with a finished wizard
        app.processEvents()
        adam = next(c for c in services.clients.summaries() if c.given_name == "Adam")
        consultation = services.consultations.start(adam.id)
        wizard = ConsultationWizard(
            services.consultations,
            dialogs,
            consultation,
            clinic=ClinicProfile("Calm Skin Clinic"),
            practitioner=services.accounts.current,
        )
        wizard.resize(DEFAULT_SIZE)
        wizard.show()
        wizard.next()
        history = wizard.currentPage()
        assert isinstance(history, HistoryPage)
        for row in history.rows.values():
            row.no.setChecked(True)
        history.rows["pregnant"].edited.emit()
        wizard.next()
        skin = wizard.currentPage()
        assert isinstance(skin, SkinPage)
        skin.use_direct.setChecked(True)
        skin.direct.setCurrentIndex(1)
        wizard.next()
        areas = wizard.currentPage()
        assert isinstance(areas, AreasPage)
        areas.checks["cheeks"].setChecked(True)
        panel = areas.panels["cheeks"]
        panel.thickness.setCurrentIndex(1)
        panel.scar_type.setCurrentIndex(panel.scar_type.findData("boxcar"))
        wizard.next()
        wizard.next()
        plan = wizard.currentPage()
        assert isinstance(plan, PlanPage)
        plan.device.setCurrentIndex(0)
        plan.anaesthetic_yes.setChecked(True)
        plan.patch_no.setChecked(True)
        save(wizard, "wizard-plan")
        wizard.next()
        save(wizard, "wizard-consent")
        wizard.done(0)
        wizard.deleteLater()
        app.processEvents()
        services.accounts.lock()
        save(SignInDialog(services, "Calm Skin Clinic", locked_by=account), "locked")
        services.close()
    app.quit()
    # Delete the application (and its widgets) before Python finalises, so PySide6 does
    # not tear Qt objects down during garbage collection at exit.
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
