"""The services of one open store, built together and closed together."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.clock import Clock
from mneedle_desktop.security.kdf import OWASP_SCRYPT, KdfParams
from mneedle_desktop.services.accounts import AccountService
from mneedle_desktop.services.acting import Acting
from mneedle_desktop.services.audit import AuditService
from mneedle_desktop.services.backups import BackupService, refuse_emptied_database
from mneedle_desktop.services.client_export import ClientExportService
from mneedle_desktop.services.client_import import ClientImportService
from mneedle_desktop.services.clients import ClientService
from mneedle_desktop.services.clinic import ClinicService
from mneedle_desktop.services.consultations import ConsultationService
from mneedle_desktop.services.demo_data import DemoDataService
from mneedle_desktop.services.erasure import ErasureService
from mneedle_desktop.services.screening import clinic_catalogue
from mneedle_desktop.storage.store import HealthReport, Store


@dataclass
class AppServices:
    store: Store
    clock: Clock
    acting: Acting
    accounts: AccountService
    clients: ClientService
    clinic: ClinicService
    audit: AuditService
    consultations: ConsultationService
    backups: BackupService
    client_export: ClientExportService
    client_import: ClientImportService
    erasure: ErasureService
    demo_data: DemoDataService

    @classmethod
    def open(cls, database: Path, clock: Clock, *, kdf: KdfParams = OWASP_SCRYPT) -> "AppServices":
        """Open the store at ``database`` (creating it when absent). Raises ``StoreError``.
        ``kdf`` sets the cost of new password keys (tests use a cheap one)."""
        refuse_emptied_database(database)
        store = Store.open(database, clock)
        acting = Acting()

        @cache
        def catalogue() -> Catalogue:
            # Read on first use, not at start-up; the clinic's overrides sit in the data folder.
            return clinic_catalogue(database.parent)

        accounts = AccountService(store, clock, acting, kdf=kdf)
        consultations = ConsultationService(store, clock, acting, catalogue)
        return cls(
            store=store,
            clock=clock,
            acting=acting,
            accounts=accounts,
            clients=ClientService(store, clock, acting),
            clinic=ClinicService(store, acting),
            audit=AuditService(store, acting),
            consultations=consultations,
            backups=BackupService(store, clock, acting, accounts),
            client_export=ClientExportService(store, clock, acting, consultations),
            client_import=ClientImportService(store, clock, acting, consultations),
            erasure=ErasureService(store, clock, acting),
            demo_data=DemoDataService(store, clock, acting, catalogue),
        )

    def health(self) -> HealthReport:
        return self.store.health()

    def close(self) -> None:
        self.store.close()


def describe_health(report: HealthReport) -> str:
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
