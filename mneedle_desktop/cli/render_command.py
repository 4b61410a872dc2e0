"""``render``: a consultation record in, its PDF out."""

import sys
from pathlib import Path

from mneedle_desktop.cli.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from mneedle_desktop.cli.record_input import catalogue_or_exit, report_unreadable
from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.domain.record_json import RecordError, record_from_json
from mneedle_desktop.domain.screening import Outcome, screen
from mneedle_desktop.paths import AppPaths
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.services.documents import render_pdf
from mneedle_desktop.services.files import write_atomically
from mneedle_desktop.storage.errors import StoreError


def _clinic(paths: AppPaths) -> ClinicProfile | None:
    """The clinic's details for the header, when this data folder has a store (they are
    not encrypted: no password is needed)."""
    if not paths.database.is_file():
        return None
    try:
        services = AppServices.open(paths.database, SystemClock())
    except StoreError:
        return None
    try:
        return services.clinic.current()
    finally:
        services.close()


def render(record_path: Path, output: Path, letter: bool, paths: AppPaths) -> int:
    catalogue = catalogue_or_exit(paths)
    if isinstance(catalogue, int):
        return catalogue
    try:
        record = record_from_json(record_path.read_bytes(), catalogue)
    except (OSError, RecordError) as e:
        return report_unreadable(record_path, e)
    outcome = screen(record, record.consultation_date, catalogue).outcome
    if letter and outcome not in (Outcome.DEFER, Outcome.NOT_SUITABLE):
        print(
            "--letter is for a deferral or a not-suitable outcome; this record is "
            f"{outcome.value}.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        pdf = render_pdf(record, catalogue, _clinic(paths))
    except ValueError as e:  # characters the fonts cannot print
        print(f"PROBLEM: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    try:
        write_atomically(output, pdf)
    except OSError as e:
        print(f"{output}: cannot be written ({e.strerror or e})", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"Written {output} ({len(pdf)} bytes).")
    return EXIT_OK
