"""Reading the content and a record file for the commands that take one, with the same
messages and exit codes everywhere."""

import sys
from pathlib import Path

from mneedle_desktop.cli.exit_codes import EXIT_PROBLEM, EXIT_USAGE
from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.record_json import RecordError
from mneedle_desktop.domain.toml_reader import ContentError
from mneedle_desktop.paths import AppPaths
from mneedle_desktop.services.screening import clinic_catalogue


def catalogue_or_exit(paths: AppPaths) -> Catalogue | int:
    """The clinic's content, or the exit code after saying why it cannot be used."""
    try:
        return clinic_catalogue(paths.data_dir)
    except ContentError as e:
        print(f"PROBLEM: the clinic's content overrides cannot be used: {e}", file=sys.stderr)
        return EXIT_PROBLEM


def report_unreadable(path: Path, error: OSError | RecordError) -> int:
    """Say why the record file cannot be used; the exit code for it."""
    if isinstance(error, OSError):
        print(f"{path}: cannot be read ({error.strerror or error})", file=sys.stderr)
    else:
        print(f"{path} is not a valid consultation record:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
    return EXIT_USAGE
