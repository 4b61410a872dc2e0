"""What the About box shows about the installation."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class AboutInfo:
    data_dir: Path
    schema_version: int
