"""`relplan export plan|handout` as a user runs it from a shell or a CI job."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_support import all_text, outline_titles

from relplan.cli import main
from relplan.samples import sample_project
from relplan.storage import save_project


@pytest.fixture
def sample_file(tmp_path) -> Path:
    path = tmp_path / "sample.relplan"
    save_project(sample_project(), path)
    return path


def test_export_plan_with_sections_and_paper(sample_file, tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    code = main(
        [
            "export",
            "plan",
            str(sample_file),
            "--release",
            "payments 4.2",
            "-o",
            str(out),
            "--page-size",
            "Letter",
            "--orientation",
            "portrait",
            "--sections",
            "summary,gates",
            "--as-of",
            "2026-11-26",
        ]
    )
    assert code == 0
    assert f"Wrote {out} (" in capsys.readouterr().out
    titles = outline_titles(out)
    assert titles[0] == "1. Summary" and "2. Gates and sign-offs" in titles


def test_export_handout_for_one_audience(sample_file, tmp_path):
    out = tmp_path / "desk.pdf"
    code = main(
        [
            "export",
            "handout",
            str(sample_file),
            "--release",
            "Payments 4.2",
            "--audience",
            "support desk",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert "For Support desk" in all_text(out)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "has 2 releases ('Payments 4.2', 'Payments 4.1'); choose one with --release NAME."),
        (["--release", "Payments 9"], "has no release named 'Payments 9'"),
        (
            ["--release", "Payments 4.2", "--sections", "summary,budget"],
            "There is no section 'budget'; choose from summary, timeline",
        ),
    ],
)
def test_plan_usage_errors_are_one_sentence(sample_file, tmp_path, capsys, extra, message):
    code = main(["export", "plan", str(sample_file), "-o", str(tmp_path / "x.pdf"), *extra])
    assert code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_audience_lists_the_known_ones(sample_file, tmp_path, capsys):
    code = main(
        [
            "export",
            "handout",
            str(sample_file),
            "--release",
            "Payments 4.2",
            "--audience",
            "Board",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 2
    assert "has no audience named 'Board' (it has 'End users', 'Support desk', " in (
        capsys.readouterr().err
    )


def test_an_unwritable_folder_is_one_sentence(sample_file, tmp_path, capsys):
    out = tmp_path / "missing" / "plan.pdf"
    code = main(["export", "plan", str(sample_file), "--release", "Payments 4.2", "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "Cannot write to" in err and "choose another folder" in err


def test_a_bad_date_is_a_usage_error(sample_file, tmp_path, capsys):
    code = main(
        [
            "export",
            "plan",
            str(sample_file),
            "--release",
            "Payments 4.2",
            "--as-of",
            "1 March",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 2
    assert "is not a date like 2027-03-01" in capsys.readouterr().err
