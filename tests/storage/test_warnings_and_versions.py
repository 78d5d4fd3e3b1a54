"""Files that open with something to say: cycles, fields this relplan does not know, files
from older and newer versions of relplan."""

from __future__ import annotations

import copy

import pytest
from storage_samples import full_document, full_project, row_of, write_document

from relplan.storage import (
    SCHEMA_VERSION,
    ProjectFileError,
    load_project,
    migrations,
    project_from_dict,
    save_project,
)


def opened(tmp_path, document, name="plan.relplan"):
    path = tmp_path / name
    write_document(path, document)
    before = path.read_bytes()
    result = load_project(path)
    assert path.read_bytes() == before  # opening never writes, even to upgrade
    return result


# --- warnings: the file opens ---------------------------------------------------------------


def test_a_dependency_cycle_opens_with_a_warning_naming_the_cycle(tmp_path):
    document = full_document()
    document["dependencies"]["3"] = {
        "id": "d-3",
        "predecessor_id": "it-3",
        "successor_id": "it-1",
        "type": "FS",
        "lag": 0,
    }

    result = opened(tmp_path, document)

    assert len(result.project.dependencies) == 3
    (problem,) = result.problems
    assert problem.severity == "warning"
    assert str(problem) == (
        "Release 'Payments 2.0': the dependencies form a cycle: "
        "'Build API' → 'UAT' → 'Go live' → 'Build API'; "
        "the schedule ignores one link of the cycle; remove a link to break it."
    )


def test_an_item_that_depends_on_itself_is_a_cycle_too(tmp_path):
    document = full_document()
    row_of(document, "dependencies", "d-1")["successor_id"] = "it-1"

    (problem,) = opened(tmp_path, document).problems
    assert "'Build API' → 'Build API'" in str(problem)


def test_unknown_fields_open_with_one_warning_each_saying_they_will_be_dropped(tmp_path):
    document = full_document()
    for row in document["items"].values():
        row["colour"] = "red"
    document["_meta"]["1"]["editor"] = "vim"

    result = opened(tmp_path, document)

    assert [str(p) for p in result.problems] == [
        "_meta: the field 'editor' is unknown to this relplan; "
        "it will be dropped when the project is saved.",
        "Items rows 1, 2 and 3: the field 'colour' is unknown to this relplan; "
        "it will be dropped when the project is saved.",
    ]
    assert all(p.severity == "warning" for p in result.problems)
    assert result.project == full_project()


def test_an_unknown_table_opens_with_a_warning(tmp_path):
    document = full_document()
    document["risks"] = {"1": {"id": "r1", "title": "Vendor late"}}

    (problem,) = opened(tmp_path, document).problems
    assert str(problem) == (
        "Risks: the table is unknown to this version of relplan (1 rows); "
        "it will be dropped when the project is saved."
    )


def test_the_same_link_twice_opens_with_a_warning(tmp_path):
    document = full_document()
    document["dependencies"]["3"] = {**row_of(document, "dependencies", "d-1"), "id": "d-9"}

    (problem,) = opened(tmp_path, document).problems
    assert "'UAT' depends on 'Build API' a second time (also row 1)" in str(problem)


def test_warnings_are_listed_with_the_errors_when_a_file_is_refused(tmp_path):
    document = full_document()
    row_of(document, "items", "it-1")["duration"] = -1
    row_of(document, "items", "it-2")["colour"] = "red"
    path = tmp_path / "plan.relplan"
    write_document(path, document)

    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert [p.severity for p in caught.value.problems] == ["error", "warning"]
    assert "1 more" not in str(caught.value)  # the sentence counts errors only


def test_a_ruined_file_lists_a_thousand_problems_and_counts_the_rest(tmp_path):
    document = full_document()
    item = row_of(document, "items", "it-1")
    document["items"] = {str(n): {**item, "id": f"x{n}", "progress": -1} for n in range(1, 1500)}

    with pytest.raises(ProjectFileError) as caught:
        project_from_dict(document)
    problems = caught.value.problems
    assert len(problems) == 1001
    assert str(problems[-1]).startswith("5")  # 1500-odd problems: the rest are counted
    assert "more problems are not listed" in str(problems[-1])


# --- versions -----------------------------------------------------------------------------


def test_a_file_from_a_newer_relplan_opens_read_only_with_a_warning(tmp_path):
    document = full_document()
    document["_meta"]["1"].update(schema_version=SCHEMA_VERSION + 1, app_version="9.0")
    row_of(document, "items", "it-1")["story_points"] = 8

    result = opened(tmp_path, document)

    assert result.read_only
    assert result.schema_version == SCHEMA_VERSION + 1
    assert result.app_version == "9.0"
    assert str(result.problems[0]) == (
        f"_meta, field schema_version: the file was saved by relplan 9.0 in file format "
        f"version {SCHEMA_VERSION + 1}, and this relplan knows versions up to "
        f"{SCHEMA_VERSION}; it opens read-only; update relplan to edit it."
    )
    assert "this version of relplan ignores it" in str(result.problems[1])
    assert result.project == full_project()


def test_a_newer_file_this_relplan_cannot_read_says_to_update_first(tmp_path):
    document = full_document()
    document["_meta"]["1"].update(schema_version=SCHEMA_VERSION + 1, app_version=None)
    row_of(document, "items", "it-1")["duration"] = "P3D"  # the newer format's durations
    path = tmp_path / "newer.relplan"
    write_document(path, document)

    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert str(caught.value).startswith(
        "Cannot open 'newer.relplan': _meta, field schema_version: the file was saved by a "
        "newer relplan"
    )
    assert "update relplan to open it" in str(caught.value)


def version_0_document() -> dict:
    """The pre-release format: items said ``type``, ``_meta`` said ``name``."""
    document = full_document()
    meta = document["_meta"]["1"]
    meta["schema_version"] = 0
    meta["name"] = meta.pop("project_name")
    for row in document["items"].values():
        row["type"] = row.pop("kind")
    return document


def test_a_file_from_an_older_relplan_is_upgraded_in_memory(tmp_path):
    result = opened(tmp_path, version_0_document(), "old.relplan")

    assert result.problems == []
    assert result.read_only is False
    assert result.schema_version == 0  # what the file says; it is written as version 1
    assert result.project == full_project()


def test_an_upgraded_project_is_saved_in_the_current_format(tmp_path):
    old = tmp_path / "old.relplan"
    write_document(old, version_0_document())
    save_project(load_project(old).project, old)

    assert load_project(old).schema_version == SCHEMA_VERSION
    assert '"type": "task"' not in old.read_text(encoding="utf-8")


def test_upgrading_does_not_change_the_document_it_is_given():
    document = version_0_document()
    untouched = copy.deepcopy(document)

    project, problems = project_from_dict(document)

    assert document == untouched
    assert project == full_project() and problems == []


def test_a_version_without_an_upgrade_path_is_refused(tmp_path, monkeypatch):
    monkeypatch.delitem(migrations.MIGRATIONS, 0)
    path = tmp_path / "ancient.relplan"
    write_document(path, version_0_document())

    with pytest.raises(ProjectFileError, match="version 0 is too old for this relplan"):
        load_project(path)


def test_each_version_step_can_be_registered_once():
    with pytest.raises(ValueError, match="exists already"):
        migrations.migration(0)(lambda data: data)


def test_an_unknown_field_in_one_row_names_that_row(tmp_path):
    document = full_document()
    row_of(document, "items", "it-2")["constraint"]["note"] = "agreed with finance"

    (problem,) = opened(tmp_path, document).problems
    assert str(problem).startswith(
        "Items row 2 ('UAT'): the field 'constraint.note' is unknown to this relplan"
    )
