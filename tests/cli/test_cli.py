"""The command line as scripts and CI use it: real files on disk, real processes for a few."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from relplan import __version__
from relplan.cli import main
from relplan.domain.calendar import WorkCalendar
from relplan.storage import load_project


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_file(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "payments.relplan"
    code, out, _err = run(capsys, "demo", "-o", path)
    assert code == 0, out
    return path


def test_demo_validate_schedule_is_the_documented_happy_path(sample_file: Path, capsys):
    code, out, err = run(capsys, "validate", sample_file)
    assert (code, err) == (0, "")
    assert "valid" in out

    code, out, err = run(capsys, "schedule", sample_file, "--json")
    assert (code, err) == (0, "")
    reports = json.loads(out)
    assert isinstance(reports, list) and reports
    report = reports[0]
    assert set(report) >= {"release", "finish", "items", "conflicts"}
    assert report["conflicts"] == []
    item = report["items"][0]
    assert set(item) >= {"id", "name", "kind", "start", "finish", "slack", "critical", "depends_on"}


def test_schedule_json_never_violates_a_dependency(tmp_path: Path, capsys):
    path = tmp_path / "big.relplan"
    assert run(capsys, "demo", "--items", "400", "--seed", "3", "-o", path)[0] == 0
    code, out, _ = run(capsys, "schedule", path, "--json")
    assert code in (0, 1)
    project = load_project(path).project
    for report in json.loads(out):
        release = project.release_by_name(report["release"])
        cal = WorkCalendar(project.calendar_for(release), release.start)
        pinned = {i for c in report["conflicts"] for i in c["items"]}
        placed = {}
        for item in report["items"]:
            start = cal.index_of(_date(item["start"]))
            if item["kind"] == "milestone":
                start += 1  # a milestone marks the end of the day it is shown on
                end = start
            else:
                end = cal.index_of(_date(item["finish"])) + 1
            placed[item["id"]] = (start, end)
        for item in report["items"]:
            if item["id"] in pinned:
                continue
            s, e = placed[item["id"]]
            for dep in item["depends_on"]:
                ps, pe = placed[dep["id"]]
                lag = dep["lag"]
                bound = {"FS": (s, pe + lag), "SS": (s, ps + lag), "FF": (e, pe + lag)}
                bound["SF"] = (e, ps + lag)
                have, need = bound[dep["type"]]
                assert have >= need, (item["name"], dep)


def test_one_release_by_name_gives_one_object(sample_file: Path, capsys):
    project = load_project(sample_file).project
    name = next(iter(project.releases.values())).name
    code, out, _ = run(capsys, "schedule", sample_file, "--release", name.upper(), "--json")
    assert code == 0
    assert json.loads(out)["release"] == name


def test_unknown_release_is_named_with_the_ones_there_are(sample_file: Path, capsys):
    code, out, err = run(capsys, "schedule", sample_file, "--release", "Nope 9")
    assert code == 2 and out == ""
    assert "no release named 'Nope 9'" in err and err.count("\n") == 1


def test_text_schedule_marks_the_critical_path(sample_file: Path, capsys):
    code, out, _ = run(capsys, "schedule", sample_file)
    assert code == 0
    assert "critical path" in out and "\n* " in out


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)


DAMAGED = {
    "truncated": b'{"_meta": {"1": ',
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "not json": b"Payments 4.2 release plan\n",
    "json but not a project": b'{"hello": "world"}',
    "nan": b'{"_meta": {"1": {"format": "relplan", "schema_version": NaN}}}',
    "latin-1": '{"_meta": {"1": {"project_name": "Zürich"}}}'.encode("latin-1"),
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_damaged_files_exit_2_with_one_sentence_and_stay_untouched(kind, tmp_path, capsys):
    path = tmp_path / f"{kind}.relplan"
    path.write_bytes(DAMAGED[kind])
    for command in (["validate", path], ["schedule", path, "--json"]):
        code, out, err = run(capsys, *command)
        assert code == 2, (kind, out, err)
        assert out == ""
        assert str(path.name) in err
        assert "Traceback" not in err and err.count("\n") == 1, err
    assert path.read_bytes() == DAMAGED[kind]


def test_huge_file_is_refused_without_reading_it(tmp_path, capsys):
    path = tmp_path / "huge.relplan"
    with open(path, "wb") as f:
        f.truncate(300 * 2**20)  # sparse: no disk used
    code, _out, err = run(capsys, "validate", path)
    assert code == 2
    assert "MiB" in err or "large" in err


def test_missing_file_and_folder_give_clear_sentences(tmp_path, capsys):
    code, _, err = run(capsys, "validate", tmp_path / "nowhere.relplan")
    assert code == 2 and "does not exist" in err
    code, _, err = run(capsys, "validate", tmp_path)
    assert code == 2 and "folder" in err


def test_cyclic_file_opens_but_validate_reports_exit_1(sample_file: Path, capsys):
    data = json.loads(sample_file.read_text(encoding="utf-8"))
    deps = data["dependencies"]
    first = next(iter(deps.values()))
    # Link the first link's successor back to its predecessor: a two-item cycle.
    deps[str(len(deps) + 10)] = {
        **first,
        "id": "00000000-0000-4000-8000-00000000c1c1",
        "predecessor_id": first["successor_id"],
        "successor_id": first["predecessor_id"],
    }
    sample_file.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "validate", sample_file)
    assert code == 1, (out, err)
    assert "cycle" in out
    code, out, _ = run(capsys, "schedule", sample_file, "--json")
    assert code == 1
    assert any(c["kind"] == "cycle" for r in json.loads(out) for c in r["conflicts"])


def test_bad_usage_exits_2_without_traceback(capsys):
    code, _, err = run(capsys, "schedule")
    assert code == 2 and "Traceback" not in err
    code, _, err = run(capsys, "demo", "-o", "x.relplan", "--items", "zero")
    assert code == 2 and "whole number" in err


def test_version_as_a_real_process():
    result = subprocess.run(
        [sys.executable, "-m", "relplan.cli", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"relplan {__version__}"


def test_validate_as_a_real_process_on_a_truncated_file(tmp_path):
    path = tmp_path / "bad.relplan"
    path.write_text('{"_meta": {"1": ', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "relplan.cli", "validate", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "bad.relplan" in result.stderr


def test_a_mistyped_command_is_named_not_opened_in_the_app(capsys):
    code, out, err = run(capsys, "valdate", "plan.relplan")
    assert code == 2 and out == ""
    assert "'valdate' is neither a command nor a project file" in err
    assert "validate" in err and err.count("\n") == 1
