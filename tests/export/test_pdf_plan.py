"""The release plan PDF of the sample, as a stakeholder reads it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pdf_support import AS_OF, RELEASE, all_text, ink_ratio, outline_titles, pages_text
from pypdf import PdfReader

from relplan.domain.model import RaciRole
from relplan.export.pdf import (
    PLAN_SECTIONS,
    ExportCancelled,
    PlanOptions,
    default_page_size,
    export_plan,
)
from relplan.samples import sample_project


@pytest.fixture(scope="module")
def sample():
    project = sample_project()
    return project, project.release_by_name(RELEASE)


@pytest.fixture(scope="module")
def plan(sample, tmp_path_factory) -> tuple[Path, int]:
    project, release = sample
    path = tmp_path_factory.mktemp("plan") / "plan.pdf"
    pages = export_plan(project, release, path, PlanOptions(as_of=AS_OF))
    return path, pages


def test_the_plan_names_every_milestone_with_its_date(sample, plan):
    project, release = sample
    text = all_text(plan[0])
    milestones = [it for it in project.release_items(release.id) if it.is_milestone]
    assert len(milestones) >= 5
    for item in milestones:
        assert item.name in text
    assert "Mon 1 Mar 2027" in text  # the go-live


def test_the_plan_names_every_person_with_a_role(sample, plan):
    project, release = sample
    text = all_text(plan[0])
    item_ids = {it.id for it in project.release_items(release.id)}
    people = {a.person_id for a in project.assignments.values() if a.item_id in item_ids}
    assert len(people) > 10
    for person_id in people:
        assert project.people[person_id].name in text


def test_every_section_has_a_numbered_heading_and_a_bookmark(plan):
    text = all_text(plan[0])
    titles = outline_titles(plan[0])
    for number, title in enumerate(PLAN_SECTIONS.values(), start=1):
        assert f"{number} {title}" in text
        assert f"{number}. {title}" in titles
    # Timeline and graph pages and each gate are bookmarked below their section.
    assert any(t.startswith("Rows 1–") for t in titles)
    assert "Deploy gate: Go-live" in titles


def test_every_body_page_says_page_x_of_y(plan):
    path, pages = plan
    texts = pages_text(path)
    assert len(texts) == pages
    for number, page_text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {pages}" in page_text


def test_the_pdf_carries_title_author_and_subject(plan):
    info = PdfReader(str(plan[0])).metadata
    assert info.title == "Payments 4.2 – release plan"
    assert info.author == "Maria Schneider"
    assert "Northwind Payments" in info.subject and "26 Nov 2026" in info.subject


def test_the_cover_shows_release_status_deadline_and_owner(plan):
    cover = " ".join(pages_text(plan[0])[0].split())
    for words in ("RELEASE PLAN", "Payments 4.2", "Version 4.2.0", "On track", "Wed 31 Mar 2027"):
        assert words in cover.replace("R E L E A S E", "RELEASE")
    assert "Maria Schneider" in cover and "Build" in cover


def test_the_timeline_is_tiled_with_names_and_axis_on_every_tile(sample, plan):
    project, release = sample
    texts = pages_text(plan[0])
    tiles = [t for t in texts if "\nTimeline\n" in t and "Part " in t]
    assert len(tiles) >= 3  # never shrunk onto one page
    for tile in tiles:
        assert "rows " in tile
        assert any(
            month in tile
            for month in ("October", "November", "December", "January", "February", "March")
        )
    # Each item's name is on a tile (the item column is repeated on every tile).
    joined = " ".join(" ".join(t.split()) for t in tiles)
    for item in project.release_items(release.id):
        assert item.name in joined


def test_the_raci_matrix_lists_the_roles(sample, plan):
    project, _release = sample
    text = all_text(plan[0])
    assert "Responsibilities (RACI)" in text
    accountable = sum(a.role is RaciRole.ACCOUNTABLE for a in project.assignments.values())
    assert accountable > 40


def test_gates_show_checklists_and_who_signed_when(plan):
    text = all_text(plan[0])
    assert "Checklist: 3 of 3 done" in text
    assert "Tom Becker" in text and "14 Oct 2026 11:30" in text
    assert "Not yet signed" in text


def test_a_rendered_page_is_not_blank(plan, tmp_path):
    assert ink_ratio(plan[0], 1, tmp_path) > 0.2  # the cover's title band
    assert ink_ratio(plan[0], 5, tmp_path) > 0.02  # a timeline tile


def test_only_the_chosen_sections_are_printed(sample, tmp_path):
    project, release = sample
    path = tmp_path / "short.pdf"
    options = PlanOptions(sections=("milestones", "summary"), as_of=AS_OF)
    export_plan(project, release, path, options)
    titles = outline_titles(path)
    assert titles[0] == "1. Summary"
    assert "2. Milestones" in titles
    assert not any("Timeline" in t for t in titles)


def test_unknown_sections_are_refused():
    with pytest.raises(ValueError, match="unknown section 'budget'"):
        PlanOptions(sections=("budget",))


@pytest.mark.parametrize(
    ("size", "orientation", "expected"),
    [("A4", "landscape", (842, 595)), ("Letter", "portrait", (612, 792))],
)
def test_page_size_and_orientation(sample, tmp_path, size, orientation, expected):
    project, release = sample
    path = tmp_path / "sized.pdf"
    options = PlanOptions(("summary",), size, orientation, AS_OF)
    export_plan(project, release, path, options)
    box = PdfReader(str(path)).pages[1].mediabox
    assert (round(float(box.width)), round(float(box.height))) == expected


def test_the_default_paper_follows_the_locale():
    assert default_page_size("en_US") == "Letter"
    assert default_page_size("fr_CA.UTF-8") == "Letter"
    assert default_page_size("de_DE") == "A4"
    assert default_page_size("en_GB") == "A4"


def test_progress_is_reported_and_cancel_leaves_the_old_file(sample, tmp_path):
    project, release = sample
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"the previous export")
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, step: str) -> None:
        seen.append((done, total, step))
        if len(seen) == 20:
            raise ExportCancelled

    with pytest.raises(ExportCancelled):
        export_plan(project, release, path, PlanOptions(as_of=AS_OF), progress)
    assert path.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]  # no temporary file left
    assert all(0 <= done <= total for done, total, _step in seen)


def test_progress_reaches_the_end(sample, tmp_path):
    project, release = sample
    seen: list[tuple[int, int]] = []
    export_plan(
        project,
        release,
        tmp_path / "plan.pdf",
        PlanOptions(sections=("summary", "milestones"), as_of=AS_OF),
        lambda done, total, step: seen.append((done, total)),
    )
    assert seen[-1][0] == seen[-1][1]


def test_a_release_without_an_owner_exports(tmp_path):
    # Releases imported from MS Project, GanttProject or CSV have no owner.
    project = sample_project()
    release = project.release_by_name(RELEASE)
    project.add(dataclasses.replace(release, owner_id=None))
    path = tmp_path / "no-owner.pdf"
    assert export_plan(project, project.releases[release.id], path, PlanOptions(as_of=AS_OF)) > 1
    assert "release owner" in all_text(path).lower()
