"""Versioned clinical content as data files: questions, rules, scales, wording.

Read through ``importlib.resources`` so it is found wherever the program is installed.
"""

from importlib import resources

CONTENT_FILES = (
    "manifest.toml",
    "questions.toml",
    "rules.toml",
    "skin.toml",
    "treatment.toml",
    "aftercare.toml",
    "consent.toml",
    "document.toml",
)


def read_content(name: str) -> str:
    """The text of one bundled content file."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
