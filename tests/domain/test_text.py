import pytest

from mneedle_desktop.domain.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zoë", "zoe"),
        ("ZOË", "zoe"),
        ("Zoë Ørsted-Łukasiewicz", "zoe orsted lukasiewicz"),
        ("  Ana   María  ", "ana maria"),
        ("Straße", "strasse"),
        ("Ærøskøbing", "aeroskobing"),
        ("O'Neill", "o neill"),
        ("Ηλέκτρα", "ηλεκτρα"),
        ("Алексей", "алексеи"),
        ("山田", "山田"),
    ],
)
def test_fold_ignores_case_accents_and_punctuation(text: str, folded: str) -> None:
    assert fold(text) == folded
