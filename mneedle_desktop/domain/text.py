"""Text folding for search: case, accents and a few letters that Unicode does not decompose."""

import unicodedata
from functools import lru_cache

# Letters with no canonical decomposition, folded the way a person typing on a plain
# keyboard would spell them.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "þ": "th",
    }
)


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text``: ``fold("Zoë Ørsted") == "zoe orsted"``.

    Punctuation and runs of white space become single spaces, so "Ørsted-Łukasiewicz"
    folds to "orsted lukasiewicz".
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    translated = stripped.translate(_SPECIAL_LETTERS)
    words = "".join(ch if ch.isalnum() else " " for ch in translated).split()
    return " ".join(words)
