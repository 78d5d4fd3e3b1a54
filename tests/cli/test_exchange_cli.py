"""``relplan export ics|csv|mspdi`` and ``relplan import mspdi|gan|csv`` as scripts use them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar as VCalendar

from relplan.cli import main
from relplan.storage import load_project

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "interop"


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_file(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "payments.relplan"
    assert run(capsys, "demo", "-o", path)[0] == 0
    return path


def test_mspdi_export_and_import_round_trip(sample_file, tmp_path, capsys):
    xml = tmp_path / "payments.xml"
    code, out, err = run(
        capsys, "export", "mspdi", sample_file, "--release", "payments 4.2", "-o", xml
    )
    assert (code, err) == (0, "")
    assert "Kept:" in out and "Dropped:" in out and f"Wrote {xml}." in out
    back = tmp_path / "back.relplan"
    code, out, err = run(capsys, "import", "mspdi", xml, "-o", back)
    assert (code, err) == (0, "")
    assert "48 tasks and 7 milestones" in out
    project = load_project(back).project
    assert len(project.items) == 55
    assert run(capsys, "validate", back)[0] == 0


def test_mspdi_export_needs_a_release_when_there_are_several(sample_file, tmp_path, capsys):
    code, out, err = run(capsys, "export", "mspdi", sample_file, "-o", tmp_path / "x.xml")
    assert code == 2 and out == ""
    assert "choose it with --release NAME" in err
    assert err.count("\n") == 1
    assert not (tmp_path / "x.xml").exists()


def test_unknown_release_is_named(sample_file, tmp_path, capsys):
    code, _out, err = run(capsys, "export", "csv", sample_file, "--release", "9.9", "-o", "x")
    assert code == 2
    assert "has no release named '9.9' (it has 'Payments 4.2', 'Payments 4.1')" in err


def test_csv_export_with_semicolons_and_import(sample_file, tmp_path, capsys):
    table = tmp_path / "plan.csv"
    code, out, err = run(
        capsys, "export", "csv", sample_file, "--delimiter", "semicolon", "-o", table
    )
    assert (code, err) == (0, "")
    header = table.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("ID;Name;Kind;Phase;Duration;Start;Finish;Predecessors")
    back = tmp_path / "back.relplan"
    code, out, err = run(capsys, "import", "csv", table, "-o", back)
    assert (code, err) == (0, "")
    assert "Approximated:" in out
    assert len(load_project(back).project.items) == 55


def test_ics_export_validates(sample_file, tmp_path, capsys):
    ics = tmp_path / "payments.ics"
    code, out, err = run(capsys, "export", "ics", sample_file, "-o", ics)
    assert (code, err) == (0, "")
    calendar = VCalendar.from_ical(ics.read_bytes())
    assert len(calendar.walk("VEVENT")) == 11
    assert "7 milestones and 4 training sessions" in out


@pytest.mark.parametrize(
    ("fmt", "content", "message"),
    [
        ("mspdi", "not xml at all", "is not a readable XML file"),
        ("mspdi", "<Project><!-- --></Project", "is not a readable XML file"),
        ("gan", '<!DOCTYPE p [<!ENTITY a "a">]><project/>', "declares a document type"),
        ("csv", "Title,Start\nA,2027-01-01\n", "has no 'Name' column"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(tmp_path, capsys, fmt, content, message):
    source = tmp_path / f"input.{fmt}"
    source.write_text(content)
    output = tmp_path / "out.relplan"
    code, out, err = run(capsys, "import", fmt, source, "-o", output)
    assert code == 2 and out == ""
    assert message in err
    assert err.startswith("relplan: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert not output.exists()


def test_missing_input_file(tmp_path, capsys):
    code, _out, err = run(capsys, "import", "gan", tmp_path / "no.gan", "-o", tmp_path / "x")
    assert code == 2
    assert "does not exist; check the path." in err


def test_usage_errors_name_the_formats(capsys):
    code, _out, err = run(capsys, "export", "pdfx", "a.relplan", "-o", "x")
    assert code == 2
    assert "choose from 'ics', 'csv', 'mspdi'" in err


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared interop files are not here")
def test_import_gan_in_a_real_process(tmp_path):
    output = tmp_path / "house.relplan"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "relplan.cli",
            "import",
            "gan",
            str(SHARED / "gan" / "HouseBuildingSample.gan"),
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "12 tasks and 4 milestones" in done.stdout
    assert len(load_project(output).project.items) == 16
