"""Making the consent and aftercare PDF (or the letter) from a signed record."""

from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.document import build_document
from mneedle_desktop.domain.record import ConsultationRecord


def render_pdf(
    record: ConsultationRecord, catalogue: Catalogue, clinic: ClinicProfile | None
) -> bytes:
    """The document as PDF bytes: the same record always gives the same bytes.
    reportlab is imported here, on first use, not at start-up."""
    from mneedle_desktop.export.consent_pdf import render

    return render(build_document(record, catalogue, clinic))
