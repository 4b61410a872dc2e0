"""Render every example record to PDF and to PNG pages, to look at them.

    python tools/render_examples.py [--out build/example-pdfs]

Needs pdftoppm (Debian: poppler-utils) for the PNG pages.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from mneedle_desktop.domain.catalogue_load import load_catalogue
from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.record_json import record_from_json
from mneedle_desktop.services.documents import render_pdf

ROOT = Path(__file__).resolve().parents[1]
DEMO_CLINIC = ClinicProfile("Calm Skin Clinic", "1 High Street\nLeeds LS1 1AA", "0113 496 0000")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "example-pdfs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    catalogue = load_catalogue()
    for path in sorted((ROOT / "examples").glob("*.json")):
        record = record_from_json(path.read_bytes(), catalogue)
        pdf = args.out / f"{path.stem}.pdf"
        pdf.write_bytes(render_pdf(record, catalogue, DEMO_CLINIC))
        print(pdf)
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-r", "70", "-png", str(pdf), str(args.out / path.stem)], check=True
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
