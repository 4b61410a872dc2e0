"""``screen``: a consultation record in, a decision out."""

import json
from datetime import date
from pathlib import Path

from mneedle_desktop.cli.exit_codes import EXIT_OK
from mneedle_desktop.cli.record_input import catalogue_or_exit, report_unreadable
from mneedle_desktop.domain.record_json import RecordError
from mneedle_desktop.paths import AppPaths
from mneedle_desktop.services.assessment_report import report_dict, report_text
from mneedle_desktop.services.screening import assess_file


def screen(record: Path, on: date | None, output: str, paths: AppPaths) -> int:
    catalogue = catalogue_or_exit(paths)
    if isinstance(catalogue, int):
        return catalogue
    try:
        assessment = assess_file(record, on, catalogue)
    except (OSError, RecordError) as e:
        return report_unreadable(record, e)
    if output == "json":
        print(json.dumps(report_dict(assessment), indent=2, ensure_ascii=False))
    else:
        print(report_text(assessment, catalogue))
    return EXIT_OK
