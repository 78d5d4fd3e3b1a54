"""Fixtures of the storage tests: a planner's project folder with a saved project."""

from __future__ import annotations

import pytest
from storage_samples import full_project

from relplan.domain.model import Project
from relplan.storage import save_project


@pytest.fixture
def project() -> Project:
    return full_project()


@pytest.fixture
def saved(tmp_path, project):
    """The path of ``project`` saved as plan.relplan in an empty folder."""
    path = tmp_path / "plan.relplan"
    save_project(project, path)
    return path
