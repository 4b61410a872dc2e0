import pytest

from mneedle_desktop.domain.file_names import file_name_part


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ørsted-Łukasiewicz Zoë", "Ørsted-Łukasiewicz-Zoë"),
        ("Παπαδοπούλου Ηλέκτρα", "Παπαδοπούλου-Ηλέκτρα"),
        ("O'Brien  Siobhán", "O'Brien-Siobhán"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j"),
        ("..hidden\tname\n", "hidden-name"),
        ("  ", ""),
    ],
)
def test_names_keep_their_letters_and_lose_what_file_systems_refuse(
    text: str, expected: str
) -> None:
    assert file_name_part(text) == expected
