"""The services of one open store, built together and closed together.

What the first window needs (whether the clinic is set up, its name) is made at once; the
services on first use, so start-up imports neither the accounts' key derivation, keys and
audit trail (until someone signs in or sets up) nor the clinical engine, the PDF and the
exchange code.
"""

from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mneedle_desktop.domain.clock import Clock
from mneedle_desktop.services.acting import Acting
from mneedle_desktop.services.files import is_empty_file
from mneedle_desktop.services.first_start import FirstStart
from mneedle_desktop.storage.store import Store

if TYPE_CHECKING:
    from mneedle_desktop.domain.catalogue import Catalogue
    from mneedle_desktop.security.kdf import KdfParams
    from mneedle_desktop.services.accounts import AccountService
    from mneedle_desktop.services.audit import AuditService
    from mneedle_desktop.services.backups import BackupService
    from mneedle_desktop.services.client_export import ClientExportService
    from mneedle_desktop.services.client_import import ClientImportService
    from mneedle_desktop.services.clients import ClientService
    from mneedle_desktop.services.clinic import ClinicService
    from mneedle_desktop.services.consultations import ConsultationService
    from mneedle_desktop.services.demo_data import DemoDataService
    from mneedle_desktop.services.erasure import ErasureService
    from mneedle_desktop.storage.health_report import HealthReport


class AppServices:
    def __init__(self, store: Store, clock: Clock, *, kdf: "KdfParams | None" = None) -> None:
        """``kdf`` sets the cost of new password keys (tests use a cheap one); by default
        OWASP's scrypt parameters."""
        self.store = store
        self.clock = clock
        self.acting = Acting()
        self.first_start = FirstStart(store)
        self._kdf = kdf

    @classmethod
    def open(
        cls,
        database: Path,
        clock: Clock,
        *,
        kdf: "KdfParams | None" = None,
        check_later: bool = False,
    ) -> "AppServices":
        """Open the store at ``database`` (creating it when absent). Raises ``StoreError``.
        ``kdf`` sets the cost of new password keys (tests use a cheap one); ``check_later``
        checks the file in the background (the app's start-up: writes wait for it)."""
        if is_empty_file(database):  # only then is the backups module loaded at start-up
            from mneedle_desktop.services.backups import refuse_emptied_database

            refuse_emptied_database(database)
        return cls(Store.open(database, clock, check_later=check_later), clock, kdf=kdf)

    @cache  # noqa: B019 (one per store, lives as long as it)
    def catalogue(self) -> "Catalogue":
        """The clinical content, read on first use; the clinic's overrides sit in the data
        folder."""
        from mneedle_desktop.services.screening import clinic_catalogue

        return clinic_catalogue(self.store.path.parent)

    @cached_property
    def accounts(self) -> "AccountService":
        from mneedle_desktop.security.kdf import OWASP_SCRYPT
        from mneedle_desktop.services.accounts import AccountService

        return AccountService(self.store, self.clock, self.acting, kdf=self._kdf or OWASP_SCRYPT)

    def sign_out(self) -> None:
        """Sign out whoever is signed in; with no one, nothing is written and the account
        service is not loaded."""
        if self.acting.account is not None:
            self.accounts.sign_out()

    @cached_property
    def clinic(self) -> "ClinicService":
        from mneedle_desktop.services.clinic import ClinicService

        return ClinicService(self.store, self.acting)

    @cached_property
    def backups(self) -> "BackupService":
        from mneedle_desktop.services.backups import BackupService

        return BackupService(self.store, self.clock, self.acting, self.accounts)

    @cached_property
    def clients(self) -> "ClientService":
        from mneedle_desktop.services.clients import ClientService

        return ClientService(self.store, self.clock, self.acting)

    @cached_property
    def audit(self) -> "AuditService":
        from mneedle_desktop.services.audit import AuditService

        return AuditService(self.store, self.acting)

    @cached_property
    def consultations(self) -> "ConsultationService":
        from mneedle_desktop.services.consultations import ConsultationService

        return ConsultationService(self.store, self.clock, self.acting, self.catalogue)

    @cached_property
    def client_export(self) -> "ClientExportService":
        from mneedle_desktop.services.client_export import ClientExportService

        return ClientExportService(self.store, self.clock, self.acting, self.consultations)

    @cached_property
    def client_import(self) -> "ClientImportService":
        from mneedle_desktop.services.client_import import ClientImportService

        return ClientImportService(self.store, self.clock, self.acting, self.consultations)

    @cached_property
    def erasure(self) -> "ErasureService":
        from mneedle_desktop.services.erasure import ErasureService

        return ErasureService(self.store, self.clock, self.acting)

    @cached_property
    def demo_data(self) -> "DemoDataService":
        from mneedle_desktop.services.demo_data import DemoDataService

        return DemoDataService(self.store, self.clock, self.acting, self.catalogue)

    def health(self) -> "HealthReport":
        return self.store.health()

    def close(self) -> None:
        self.store.close()


def describe_health(report: "HealthReport") -> str:
    """One line saying whether the store is healthy, and if not, what is wrong first."""
    if report.ok:
        clients = "1 client" if report.clients == 1 else f"{report.clients} clients"
        entries = "1 entry" if report.audit.entries == 1 else f"{report.audit.entries} entries"
        return (
            f"OK: the store at {report.path} is healthy (schema {report.schema_version}, "
            f"{clients}, audit chain of {entries} intact)."
        )
    if report.problems:
        return (
            f"PROBLEM: the store at {report.path} failed SQLite's integrity check "
            f"({report.problems[0]}). Keep a copy of the file and restore your latest backup."
        )
    if not report.audit.ok:
        return (
            f"PROBLEM: the audit log of {report.path} is broken at entry "
            f"{report.audit.first_broken_seq}: an entry was changed or removed outside the "
            "program."
        )
    return f"PROBLEM: the audit log of {report.path} was tampered with: {report.audit_problems[0]}."
