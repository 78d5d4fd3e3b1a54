"""A planner opens a file that is damaged, or not a project at all: a clear refusal, never a
crash, and the file stays exactly as it was."""

from __future__ import annotations

import os

import pytest

from relplan.storage import ProjectFileError, jsonfile, load_project


def refusal(path) -> ProjectFileError:
    """Open ``path`` expecting a refusal; check the file was left alone and return the error."""
    before = path.read_bytes() if path.is_file() else None
    stamp = os.stat(path).st_mtime_ns if path.exists() else None
    neighbours = sorted(os.listdir(path.parent))
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    if before is not None:
        assert path.read_bytes() == before
        assert os.stat(path).st_mtime_ns == stamp
    assert sorted(os.listdir(path.parent)) == neighbours  # no .bak, no temporary file
    return caught.value


def test_a_file_cut_off_while_copying_is_refused_and_left_byte_identical(saved):
    whole = saved.read_bytes()
    saved.write_bytes(whole[: len(whole) // 2])

    error = refusal(saved)

    assert "'plan.relplan'" in str(error)
    assert "ends in the middle" in str(error)
    assert ".bak" in str(error)  # the planner learns where the previous version is


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "plan.relplan"
    path.write_bytes(b"")

    assert "the file is empty" in str(refusal(path))


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.relplan"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe" * 20)

    assert "not a text file" in str(refusal(path))


def test_text_that_is_not_utf8_is_refused_with_the_byte_position(tmp_path):
    path = tmp_path / "latin1.relplan"
    path.write_bytes('{"_meta": {"1": {"project_name": "Café"}}}'.encode("latin-1"))

    error = refusal(path)
    assert "not valid UTF-8" in str(error)
    assert error.problems[0].where == "line 1"
    assert "at byte 37" in str(error)


def test_a_utf16_file_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "utf16.relplan"
    path.write_text('{"_meta": {}}', encoding="utf-16")

    assert "save it again as UTF-8" in str(refusal(path))


def test_a_utf8_byte_order_mark_is_fine(tmp_path, saved, project):
    with_bom = tmp_path / "bom.relplan"
    with_bom.write_bytes(b"\xef\xbb\xbf" + saved.read_bytes())

    assert load_project(with_bom).project == project


def test_text_that_is_not_json_is_refused_with_line_and_column(tmp_path):
    path = tmp_path / "notes.relplan"
    path.write_text("Release notes\n=============\n", encoding="utf-8")

    error = refusal(path)
    assert "not valid JSON" in str(error)
    assert error.problems[0].where == "line 1, column 1"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[1, 2, 3]", "not a relplan project"),
        ('{"_default": {"1": {"name": "x"}}}', "no _meta table"),
        ('{"_meta": {"1": {"format": "ganttproject"}}}', "format is 'ganttproject'"),
        ('"just a string"', "not a relplan project"),
    ],
)
def test_json_that_is_not_a_relplan_project_is_refused(tmp_path, content, expected):
    path = tmp_path / "other.relplan"
    path.write_text(content, encoding="utf-8")

    error = refusal(path)
    assert expected in str(error)
    assert "relplan import" in str(error)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_their_line(saved, constant):
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace('"lag": 2', f'"lag": {constant}'), encoding="utf-8")

    error = refusal(saved)
    assert f"contains {constant}" in str(error)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"lag": 2' in t)
    assert error.problems[0].where == f"line {line}"


def test_a_field_written_twice_in_a_row_is_refused(saved):
    text = saved.read_text(encoding="utf-8")
    saved.write_text(
        text.replace('"name": "Build API"', '"name": "Build API", "name": "Rebuild API"'),
        encoding="utf-8",
    )

    error = refusal(saved)
    assert error.problems[0].where == "items row 1 ('Rebuild API'), field name"
    assert "appears twice" in str(error)


def test_a_row_number_used_twice_is_refused(saved):
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace(' "2": {"id": "it-2"', ' "1": {"id": "it-2"'), encoding="utf-8")

    error = refusal(saved)
    assert error.problems[0].where == "items row 1"
    assert "two rows have this row number" in str(error)


def test_a_key_twice_inside_a_nested_object_is_refused(saved):
    text = saved.read_text(encoding="utf-8")
    saved.write_text(
        text.replace('"on": "2026-04-01"', '"on": "2026-04-01", "on": "2027-04-01"'),
        encoding="utf-8",
    )

    assert "items row 2 ('UAT'), field constraint.on" in str(refusal(saved))


def test_a_table_written_twice_is_refused(saved):
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace('"teams": {', '"teams": {}, "teams": {'), encoding="utf-8")

    assert "teams: the table appears twice" in str(refusal(saved))


def test_absurdly_deep_nesting_is_refused_without_a_crash(tmp_path):
    path = tmp_path / "deep.relplan"
    path.write_text('{"_meta": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")

    assert "nested too deeply" in str(refusal(path))


def test_a_number_with_thousands_of_digits_is_refused(saved):
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace('"lag": 2', '"lag": ' + "9" * 5000), encoding="utf-8")

    assert "cannot be read" in str(refusal(saved))


def test_a_file_over_the_size_limit_is_not_even_read(saved, monkeypatch):
    monkeypatch.setattr(jsonfile, "MAX_BYTES", 1000)

    error = refusal(saved)
    assert "MiB a project file may have" in str(error)


def test_a_missing_file_is_refused_in_plain_words(tmp_path):
    error = refusal(tmp_path / "gone.relplan")

    assert str(error) == (
        "Cannot open 'gone.relplan': the file does not exist; "
        "check its name and folder; it may have moved."
    )
    assert isinstance(error.__cause__, FileNotFoundError)


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "folder.relplan"
    folder.mkdir()

    assert "this is a folder" in str(refusal(folder))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_instead_of_waiting_forever(tmp_path):
    pipe = tmp_path / "pipe.relplan"
    os.mkfifo(pipe)

    assert "not a file but a device or a pipe" in str(refusal(pipe))
