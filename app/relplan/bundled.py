"""Files shipped with relplan (sample, templates, fonts, icons) in the relplan.resources package.

The top-level resources/ folder is installed as ``relplan.resources`` (see setup.py), in a
wheel, an editable install and a PyInstaller bundle alike, so there is one way to find it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. ``bundled("fonts", "DejaVuSans.ttf")``."""
    return Path(str(resources.files("relplan.resources").joinpath(*parts)))
