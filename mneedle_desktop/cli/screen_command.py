"""``screen``: a consultation record in, a decision out."""

import json
import sys
from datetime import date
from pathlib import Path

from mneedle_desktop.cli.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from mneedle_desktop.domain.record_json import RecordError
from mneedle_desktop.domain.toml_reader import ContentError
from mneedle_desktop.paths import AppPaths
from mneedle_desktop.services.assessment_report import report_dict, report_text
from mneedle_desktop.services.screening import assess_file, clinic_catalogue


def screen(record: Path, on: date | None, output: str, paths: AppPaths) -> int:
    try:
        catalogue = clinic_catalogue(paths.data_dir)
    except ContentError as e:
        print(f"PROBLEM: the clinic's content overrides cannot be used: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    try:
        assessment = assess_file(record, on, catalogue)
    except OSError as e:
        print(f"{record}: cannot be read ({e.strerror or e})", file=sys.stderr)
        return EXIT_USAGE
    except RecordError as e:
        print(f"{record} is not a valid consultation record:", file=sys.stderr)
        for problem in e.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_USAGE
    if output == "json":
        print(json.dumps(report_dict(assessment), indent=2, ensure_ascii=False))
    else:
        print(report_text(assessment, catalogue))
    return EXIT_OK
