"""The PDF read back as a reader would: text, pages, fonts, metadata, bytes."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.record_json import record_from_dict, record_hash
from mneedle_desktop.export.consent_pdf import UnprintableNameError
from mneedle_desktop.services.documents import render_pdf
from tests.domain.records import CATALOGUE

EXAMPLES = Path(__file__).parents[2] / "examples"
CLINIC = ClinicProfile("Calm Skin Clinic", "1 High Street\nLeeds", "0113 496 0000")


def example(name: str, **client: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    data["client"].update(client)
    return data


def pdf_of(data: dict[str, Any]) -> tuple[bytes, PdfReader]:
    pdf = render_pdf(record_from_dict(data, CATALOGUE), CATALOGUE, CLINIC)
    return pdf, PdfReader(io.BytesIO(pdf))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_every_section_is_present_and_pages_are_numbered() -> None:
    _, reader = pdf_of(example("suitable"))
    text = text_of(reader)
    for heading in (
        "Treatment consent and aftercare",
        "Client",
        "Assessment summary",
        "Your treatment plan",
        "Consent",
        "The first 24 hours",
        "Contact us straight away if you have",
        "0113 496 0000",
    ):
        assert heading in text, heading
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in page.extract_text()


def test_footer_and_last_page_carry_the_record_and_its_hash() -> None:
    data = example("suitable")
    record = record_from_dict(data, CATALOGUE)
    digest = record_hash(record)
    _, reader = pdf_of(data)
    first = reader.pages[0].extract_text()
    assert record.record_id in first
    assert digest[:4].upper() in first.replace("-", "")
    assert digest in reader.pages[-1].extract_text().replace("\n", "")


def test_the_same_record_gives_the_same_bytes() -> None:
    first, _ = pdf_of(example("suitable"))
    second, _ = pdf_of(example("suitable"))
    assert first == second


def test_metadata_holds_no_names_or_health_data() -> None:
    _, reader = pdf_of(example("suitable", family_name="Quillfeather", given_name="Ysolde"))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Treatment consent and aftercare"
    assert meta.author == "Calm Skin Clinic"
    everything = " ".join(str(v) for v in meta.values())
    assert "Quillfeather" not in everything
    assert "Ysolde" not in everything
    assert "2026" in str(meta.get("/CreationDate")), "the date comes from the record"


def test_fonts_are_embedded() -> None:
    _, reader = pdf_of(example("suitable"))
    embedded = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources.get_object()["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is None:
                for descendant in font.get_object().get("/DescendantFonts", []):
                    descriptor = descendant.get_object().get("/FontDescriptor")
            assert descriptor is not None
            assert "/FontFile2" in descriptor.get_object(), "a TrueType font file is embedded"
            embedded.add(str(font.get_object()["/BaseFont"]))
    assert embedded


@pytest.mark.parametrize(
    ("family", "given"),
    [
        ("Ørsted-Łukasiewicz", "Zoë"),
        ("Παπαδοπούλου", "Ηλέκτρα"),
        ("Смирнов", "Алексей"),
        ("山田", "太郎"),
    ],
)
def test_names_in_many_scripts_print_exactly(family: str, given: str) -> None:
    _, reader = pdf_of(example("suitable", family_name=family, given_name=given))
    assert f"{given} {family}" in text_of(reader)


def test_a_character_no_font_has_is_refused_not_boxed() -> None:
    with pytest.raises(UnprintableNameError, match="U\\+1200"):
        pdf_of(example("suitable", given_name="ሀሁ"))


def test_a_deferral_gives_a_one_page_letter_with_the_date() -> None:
    _, reader = pdf_of(example("defer-isotretinoin"))
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert "About your treatment" in text
    assert "25 March 2027" in text
    assert "Consent" not in text


def test_long_content_flows_across_pages_without_loss() -> None:
    data = example("suitable")
    data["skin"]["notes"] = "x " * 10
    long_name = "Wolfeschlegelsteinhausenbergerdorff-" * 3
    _, reader = pdf_of(example("suitable", family_name=long_name.rstrip("-")))
    assert long_name.rstrip("-")[:30] in text_of(reader).replace("\n", "")
