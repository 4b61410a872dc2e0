"""Text made safe inside file names."""

_NOT_IN_FILE_NAMES = set('<>:"/\\|?*')


def file_name_part(text: str) -> str:
    """``text`` made safe inside a file name on every desktop system: letters in any
    script kept, separators and reserved characters replaced by hyphens."""
    out = []
    for ch in text.strip():
        if ch in _NOT_IN_FILE_NAMES or ch.isspace() or not ch.isprintable():
            out.append("-")
        else:
            out.append(ch)
    return "-".join(part for part in "".join(out).split("-") if part).strip(".")
