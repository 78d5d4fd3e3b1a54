"""The sample file shipped in resources/samples is the sample the app builds in code."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from relplan.samples import sample_project
from relplan.storage import load_project


def test_the_shipped_sample_file_matches_the_embedded_sample():
    path = Path(str(resources.files("relplan.resources") / "samples" / "Payments 4.2.relplan"))
    result = load_project(path)
    assert result.problems == []
    assert result.project == sample_project(), (
        "regenerate it: relplan demo -o 'resources/samples/Payments 4.2.relplan'"
    )
