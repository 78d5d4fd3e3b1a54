"""A planner opens a file that was edited by hand or by another tool and is wrong inside:
every problem is listed with where it is, what is wrong and what to do."""

from __future__ import annotations

import pytest
from storage_samples import full_document, row_of, write_document

from relplan.storage import ProjectFileError, load_project, project_from_dict


def problems_of(tmp_path, document) -> list[str]:
    """Open the tampered document; expect a refusal and return its problems as text."""
    path = tmp_path / "plan.relplan"
    write_document(path, document)
    before = path.read_bytes()
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert path.read_bytes() == before
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("table", "record_id", "field", "value", "expected"),
    [
        ("items", "it-1", "duration", -3, "-3 is outside 0 to 10000 working days"),
        ("items", "it-1", "duration", "ten", "expected a whole number but found 'ten'"),
        ("items", "it-1", "duration", 2.5, "expected a whole number but found 2.5"),
        ("items", "it-1", "duration", True, "expected a whole number but found true"),
        ("items", "it-3", "duration", 4, "a milestone has no duration but this one has 4"),
        ("items", "it-1", "duration", 0, "a task lasts at least one working day"),
        ("items", "it-1", "progress", 140, "140 is outside 0 to 100 %"),
        ("items", "it-1", "kind", "epic", "'epic' is not one of task, milestone"),
        ("items", "it-1", "name", "   ", "the name is empty"),
        ("items", "it-1", "name", None, "expected a name but found null"),
        ("items", "it-1", "notes", ["a"], "expected text but found a list"),
        ("sign_offs", "so-1", "id", "", "the id is empty"),
        ("items", "it-2", "constraint", {"kind": "asap", "on": "2026-04-01"}, "'asap' is not"),
        ("releases", "rel-1", "start", "31.03.2026", "'31.03.2026' is not a date"),
        ("releases", "rel-1", "start", "2026-02-30", "'2026-02-30' is not a date"),
        ("releases", "rel-1", "deadline", "1066-10-14", "lies outside the years 1900 to 2199"),
        ("releases", "rel-1", "deployment_window_end", "2026-06-01", "ends (2026-06-01) before"),
        ("dependencies", "d-2", "lag", 5000, "5000 is outside -1000 to 1000 working days"),
        ("dependencies", "d-2", "type", "fs", "'fs' is not one of FS, SS, FF, SF"),
        ("calendars", "cal-1", "work_week", [], "the work week has no working days"),
        ("calendars", "cal-1", "work_week", [0, 7], "7 is outside 0 to 6"),
        ("change_requests", "cr-1", "reconfiguration_possible", "no", "expected true or false"),
        ("sign_offs", "so-1", "signed_at", "yesterday", "'yesterday' is not a date and time"),
        ("audiences", "au-1", "person_ids", "p-1", "expected a list but found 'p-1'"),
    ],
)
def test_a_wrong_value_is_named_with_its_row_and_field(
    tmp_path, table, record_id, field, value, expected
):
    document = full_document()
    row = row_of(document, table, record_id)
    row[field] = value

    problems = problems_of(tmp_path, document)

    assert len(problems) == 1, problems
    key = next(k for k, r in document[table].items() if r is row)
    assert problems[0].startswith(f"{table.capitalize()} row {key}")
    assert f"field {field}" in problems[0]
    assert expected in problems[0]
    assert "; " in problems[0] and problems[0].endswith(".")  # what is wrong; what to do.


def test_a_missing_required_field_is_named(tmp_path):
    document = full_document()
    del row_of(document, "items", "it-1")["release_id"]

    (problem,) = problems_of(tmp_path, document)
    assert problem == "Items row 1 ('Build API'), field release_id: the field is missing; add it."


def test_a_missing_field_that_has_a_default_is_fine(tmp_path):
    document = full_document()
    del row_of(document, "items", "it-1")["notes"]
    path = tmp_path / "short.relplan"
    write_document(path, document)

    assert load_project(path).project.items["it-1"].notes == ""


def test_two_records_with_one_id_are_refused(tmp_path):
    document = full_document()
    row_of(document, "people", "p-2")["id"] = "p-1"

    problems = problems_of(tmp_path, document)
    assert problems[0] == (
        "People row 2 ('Pat Owner'), field id: the id 'p-1' is also used by row 1; "
        "give every record its own id."
    )
    assert "it refers to people id 'p-2', which is not in the file" in problems[1]


@pytest.mark.parametrize(
    ("table", "record_id", "field", "value", "target"),
    [
        ("dependencies", "d-1", "successor_id", "it-404", "items"),
        ("assignments", "as-1", "person_id", "p-404", "people"),
        ("releases", "rel-1", "calendar_id", "cal-404", "calendars"),
        ("gates", "g-1", "milestone_id", "it-404", "items"),
        ("audiences", "au-1", "team_ids", ["team-1", "team-404"], "teams"),
        ("training_sessions", "ts-1", "audience_id", "au-404", "audiences"),
    ],
)
def test_a_reference_to_a_missing_record_is_refused(
    tmp_path, table, record_id, field, value, target
):
    document = full_document()
    row_of(document, table, record_id)[field] = value

    (problem,) = problems_of(tmp_path, document)
    missing = value if isinstance(value, str) else value[1]
    assert (
        f"field {field}: it refers to {target} id '{missing}', which is not in the file" in problem
    )
    assert problem.endswith(f"; add the missing record to {target} or remove the reference.")


def test_a_dependency_between_two_releases_is_refused(tmp_path):
    document = full_document()
    document["releases"]["2"] = {**row_of(document, "releases", "rel-1"), "id": "rel-2"}
    row_of(document, "items", "it-2")["release_id"] = "rel-2"

    problems = problems_of(tmp_path, document)
    assert len(problems) == 2  # both links of 'UAT' now cross releases
    assert "it links 'Build API' and 'UAT', which belong to different releases" in problems[0]


def test_every_problem_of_a_file_is_listed_not_just_the_first(tmp_path):
    document = full_document()
    row_of(document, "items", "it-1")["duration"] = -1
    row_of(document, "items", "it-2")["progress"] = "half"
    row_of(document, "assignments", "as-2")["person_id"] = "nobody"
    row_of(document, "people", "p-1")["availability"] = 101

    problems = problems_of(tmp_path, document)

    assert len(problems) == 4
    assert [p.split(",")[0] for p in problems] == [
        "People row 1 ('Dana Developer')",
        "Items row 1 ('Build API')",
        "Items row 2 ('UAT')",
        "Assignments row 2",
    ]


def test_the_error_message_is_one_sentence_naming_the_file_and_the_first_problem(tmp_path):
    document = full_document()
    row_of(document, "items", "it-1")["duration"] = -1
    row_of(document, "items", "it-2")["progress"] = 300
    row_of(document, "items", "it-3")["kind"] = "gate"
    path = tmp_path / "Q3 plan.relplan"
    write_document(path, document)

    with pytest.raises(ProjectFileError) as caught:
        load_project(path)

    assert str(caught.value) == (
        "Cannot open 'Q3 plan.relplan': items row 1 ('Build API'), field duration: "
        "-1 is outside 0 to 10000 working days; use a value in that range "
        "(and 2 more problems)."
    )
    assert caught.value.path == str(path)


def test_a_row_that_is_not_an_object_is_refused(tmp_path):
    document = full_document()
    document["teams"]["2"] = "Platform"

    (problem,) = problems_of(tmp_path, document)
    assert problem.startswith("Teams row 2: expected an object but found 'Platform'")


def test_a_table_that_is_not_an_object_of_rows_is_refused(tmp_path):
    document = full_document()
    document["teams"] = [{"id": "team-1", "name": "Platform"}]

    (problem,) = problems_of(tmp_path, document)
    assert problem.startswith("Teams: expected an object holding rows but found a list")


def test_a_bad_schema_version_is_refused(tmp_path):
    document = full_document()
    document["_meta"]["1"]["schema_version"] = "one"

    (problem,) = problems_of(tmp_path, document)
    assert problem.startswith("_meta, field schema_version: expected the file format version")


def test_checks_also_apply_to_a_document_built_in_memory():
    document = full_document()
    row_of(document, "items", "it-1")["progress"] = -5

    with pytest.raises(ProjectFileError) as caught:
        project_from_dict(document, source="clipboard")
    assert str(caught.value).startswith("Cannot open 'clipboard': items row 1")
