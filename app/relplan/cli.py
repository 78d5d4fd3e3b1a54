"""The ``relplan`` command: the GUI, and headless commands for scripts and CI (DESIGN.md §6).

Exit codes: 0 success, 1 ran and found problems or conflicts, 2 bad usage or unreadable
input. Errors go to stderr as one clear sentence each, never a traceback. Qt is imported
only when the GUI starts, so headless commands start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from relplan import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2

COMMANDS = ("demo", "validate", "schedule", "export", "import", "diff", "merge")


class CliError(Exception):
    """A failure to report as one sentence on stderr with exit code 2.

    ``details`` are further sentences (e.g. every other problem of a damaged file).
    """

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = list(details)


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one sentence and exit 2 (argparse's own code)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_UNUSABLE, f"relplan: {message} (see 'relplan --help').\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="relplan",
        description="Plan software releases: schedule, assign, export. "
        "Without a command, opens the app (on FILE if given).",
    )
    parser.add_argument("--version", action="version", version=f"relplan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="write the sample project (or a synthetic one)")
    demo.add_argument("-o", "--output", required=True, type=Path, help="file to write")
    demo.add_argument(
        "--items", type=_positive_int, help="write a synthetic release of N items instead"
    )
    demo.add_argument("--seed", type=int, default=0, help="seed for --items (default 0)")

    validate = sub.add_parser("validate", help="check a project file and its plan")
    validate.add_argument("file", type=Path)

    schedule = sub.add_parser("schedule", help="print the computed schedule")
    schedule.add_argument("file", type=Path)
    schedule.add_argument("--release", help="only this release (by name)")
    schedule.add_argument("--json", action="store_true", help="machine-readable output")
    _add_exchange_commands(sub)
    _add_compare_commands(sub)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError("choose from 1 to 1000000 items")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        if args_list and not _looks_like_a_project(args_list[0]):
            # A mistyped command ("valdate") must not start the GUI on a file of that name.
            print(
                f"relplan: '{args_list[0]}' is neither a command nor a project file; the "
                f"commands are {', '.join(COMMANDS)} (see 'relplan --help').",
                file=sys.stderr,
            )
            return EXIT_UNUSABLE
        return _run_gui(args_list)
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as exc:  # --help, --version and usage errors: return, don't exit
        return exc.code if isinstance(exc.code, int) else EXIT_UNUSABLE
    if args.command is None:
        return _run_gui([])
    try:
        return _COMMANDS[args.command](args)
    except CliError as exc:
        print(f"relplan: {exc}", file=sys.stderr)
        for detail in exc.details:
            print(f"relplan: {detail}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("relplan: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`relplan schedule x --json | head`): not an error. Point
        # stdout at devnull so the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the promise: never a traceback on the command line
        print(
            f"relplan: unexpected error ({type(exc).__name__}: {exc}); please report it "
            "with the file that caused it.",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE


def _looks_like_a_project(arg: str) -> bool:
    """An existing path, or a name the app would save (``.relplan``): open it in the GUI."""
    return Path(arg).suffix.lower() == ".relplan" or Path(arg).exists()


def _run_gui(args: list[str]) -> int:
    if len(args) > 1:
        print("relplan: give at most one project file to open.", file=sys.stderr)
        return EXIT_UNUSABLE
    from relplan.ui.app import run

    return run(args)


# --- commands ------------------------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    from relplan.samples import sample_project, synthetic_project

    project = sample_project() if args.items is None else synthetic_project(args.items, args.seed)
    _save(project, args.output)
    what = "sample project" if args.items is None else f"synthetic release of {args.items} items"
    print(f"Wrote the {what} to {args.output}.")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from relplan.domain.schedule import schedule_project

    result = _load(args.file)
    problems = [str(p) for p in result.problems]
    for schedule in schedule_project(result.project).values():
        problems += [
            c.message for c in schedule.conflicts() if c.kind != "cycle"
        ]  # cycles are among the file's problems already
    if not problems:
        project = result.project
        print(
            f"{args.file}: valid ({len(project.releases)} releases, {len(project.items)} items, "
            f"{len(project.dependencies)} dependencies)."
        )
        return EXIT_OK
    for problem in problems:
        print(f"{args.file}: {problem}")
    print(f"{args.file}: {len(problems)} problem{'s' if len(problems) != 1 else ''} found.")
    return EXIT_PROBLEMS


def _schedule(args: argparse.Namespace) -> int:
    from relplan.domain.schedule import ReleaseSchedule
    from relplan.export.schedule_report import schedule_json, schedule_text

    project = _load(args.file).project
    if args.release is not None:
        release = project.release_by_name(args.release)
        if release is None:
            names = ", ".join(f"'{r.name}'" for r in project.releases.values()) or "none"
            raise CliError(f"{args.file} has no release named '{args.release}' (it has {names}).")
        releases = [release]
    else:
        releases = list(project.releases.values())
    schedules = [ReleaseSchedule(project, release) for release in releases]
    if args.json:
        reports = [schedule_json(project, s) for s in schedules]
        payload = reports[0] if args.release is not None else reports
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for schedule in schedules:
            sys.stdout.write(schedule_text(project, schedule))
    has_conflicts = any(s.conflicts() for s in schedules)
    return EXIT_PROBLEMS if has_conflicts else EXIT_OK


# --- exchange with other tools (export ics|csv|mspdi, import mspdi|gan|csv) ---------------

EXPORT_FORMATS = {
    "ics": "iCalendar: milestones and training sessions, for calendars",
    "csv": "CSV table of the items, for spreadsheets",
    "mspdi": "MS Project XML (one release)",
}
IMPORT_FORMATS = {
    "mspdi": "MS Project XML (File > Save As > XML in MS Project)",
    "gan": "GanttProject (.gan)",
    "csv": "CSV table with a Name column (see docs/exchange.md)",
}


def _add_exchange_commands(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="write a release for another tool")
    formats = export.add_subparsers(
        dest="format", metavar="FORMAT", parser_class=_Parser, required=True
    )
    for name, text in EXPORT_FORMATS.items():
        fmt = formats.add_parser(name, help=text)
        fmt.add_argument("file", type=Path, help="the .relplan project")
        fmt.add_argument("--release", help="only this release (by name)")
        fmt.add_argument("-o", "--output", required=True, type=Path, help="file to write")
        if name == "csv":
            fmt.add_argument(
                "--delimiter",
                choices=("comma", "semicolon", "tab"),
                default="comma",
                help="column separator (semicolon suits Excel in many European locales)",
            )
    _add_pdf_commands(formats)
    imp = sub.add_parser("import", help="make a project from another tool's file")
    formats = imp.add_subparsers(
        dest="format", metavar="FORMAT", parser_class=_Parser, required=True
    )
    for name, text in IMPORT_FORMATS.items():
        fmt = formats.add_parser(name, help=text)
        fmt.add_argument("input", type=Path, help="the file to import")
        fmt.add_argument("-o", "--output", required=True, type=Path, help=".relplan file to write")


def _export(args: argparse.Namespace) -> int:
    if args.format in PDF_FORMATS:
        return _export_pdf(args)
    from relplan.export.exchange_report import ExchangeError

    project = _load(args.file).project
    release = _release_to_export(project, args)
    try:
        if args.format == "ics":
            from relplan.export.ical import export_ical

            report = export_ical(project, release, args.output)
        elif args.format == "csv":
            from relplan.export.csv_table import export_csv

            separator = {"comma": ",", "semicolon": ";", "tab": "\t"}[args.delimiter]
            report = export_csv(project, release, args.output, separator)
        else:
            from relplan.export.mspdi import export_mspdi

            report = export_mspdi(project, release, args.output)
    except ExchangeError as exc:
        raise CliError(str(exc)) from None
    sys.stdout.write(str(report))
    print(f"Wrote {args.output}.")
    return EXIT_OK


# --- PDF documents (relplan.export.pdf) -----------------------------------------------------

PDF_FORMATS = {
    "plan": "the release plan as a PDF for stakeholders",
    "handout": "a training handout as a PDF for one audience (or everyone)",
}


def _add_pdf_commands(formats: argparse._SubParsersAction) -> None:
    for name, text in PDF_FORMATS.items():
        fmt = formats.add_parser(name, help=text)
        fmt.add_argument("file", type=Path, help="the .relplan project")
        fmt.add_argument("--release", help="the release (by name); needed if there are several")
        fmt.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
        fmt.add_argument(
            "--page-size", choices=("A4", "Letter"), help="paper size (default: from the locale)"
        )
        fmt.add_argument(
            "--orientation",
            choices=("portrait", "landscape"),
            help=f"default: {'landscape' if name == 'plan' else 'portrait'}",
        )
        fmt.add_argument("--as-of", type=_iso_date, help="status date, YYYY-MM-DD (default: today)")
        if name == "plan":
            fmt.add_argument(
                "--sections",
                action="append",
                metavar="LIST",
                help="comma-separated sections to print, in any order (default: all): "
                "summary, timeline, graph, milestones, raci, gates, tests, deployment, "
                "training, notes",
            )
        else:
            fmt.add_argument("--audience", help="the audience (by name); default: everyone")


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-03-01") from None


def _export_pdf(args: argparse.Namespace) -> int:
    from relplan.export import pdf

    project = _load(args.file).project
    release = _one_release(project, args)
    page_size = args.page_size or pdf.default_page_size()
    try:
        if args.format == "plan":
            sections = _sections(args.sections, pdf.PLAN_SECTIONS)
            options = pdf.PlanOptions(
                sections, page_size, args.orientation or "landscape", args.as_of
            )
            pages = pdf.export_plan(project, release, args.output, options)
        else:
            audience_id = _audience_id(project, args)
            options = pdf.HandoutOptions(
                audience_id, page_size, args.orientation or "portrait", args.as_of
            )
            pages = pdf.export_handout(project, release, args.output, options)
    except pdf.ExportError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote {args.output} ({pages} pages).")
    return EXIT_OK


def _one_release(project, args: argparse.Namespace):
    names = ", ".join(f"'{r.name}'" for r in project.releases.values()) or "none"
    if args.release is not None:
        release = project.release_by_name(args.release)
        if release is None:
            raise CliError(f"{args.file} has no release named '{args.release}' (it has {names}).")
        return release
    if len(project.releases) == 1:
        return next(iter(project.releases.values()))
    if not project.releases:
        raise CliError(f"{args.file} has no release to export; add one first.")
    raise CliError(
        f"{args.file} has {len(project.releases)} releases ({names}); choose one "
        "with --release NAME."
    )


def _sections(given: list[str] | None, known: dict[str, str]) -> tuple[str, ...]:
    if not given:
        return tuple(known)
    wanted = [w.strip().lower() for part in given for w in part.split(",") if w.strip()]
    for name in wanted:
        if name not in known:
            raise CliError(f"There is no section '{name}'; choose from {', '.join(known)}.")
    return tuple(dict.fromkeys(wanted))


def _audience_id(project, args: argparse.Namespace) -> str | None:
    if args.audience is None:
        return None
    wanted = args.audience.casefold()
    for audience in project.audiences.values():
        if audience.name.casefold() == wanted:
            return audience.id
    names = ", ".join(f"'{a.name}'" for a in project.audiences.values()) or "none"
    raise CliError(f"{args.file} has no audience named '{args.audience}' (it has {names}).")


def _release_to_export(project, args: argparse.Namespace):
    """The release named by --release; None for all of them (MS Project XML needs one)."""
    names = ", ".join(f"'{r.name}'" for r in project.releases.values()) or "none"
    if args.release is not None:
        release = project.release_by_name(args.release)
        if release is None:
            raise CliError(f"{args.file} has no release named '{args.release}' (it has {names}).")
        return release
    if args.format != "mspdi":
        return None
    if len(project.releases) == 1:
        return next(iter(project.releases.values()))
    if not project.releases:
        raise CliError(f"{args.file} has no release to export; add one first.")
    raise CliError(
        f"{args.file} has {len(project.releases)} releases ({names}); an MS Project file "
        "holds one, so choose it with --release NAME."
    )


def _import(args: argparse.Namespace) -> int:
    from relplan.export.exchange_report import ExchangeError

    try:
        if args.format == "mspdi":
            from relplan.export.mspdi import import_mspdi

            result = import_mspdi(args.input)
        elif args.format == "gan":
            from relplan.export.gan import import_gan

            result = import_gan(args.input)
        else:
            from relplan.export.csv_table import import_csv

            result = import_csv(args.input)
    except ExchangeError as exc:
        raise CliError(str(exc)) from None
    _save(result.project, args.output)
    sys.stdout.write(str(result.report))
    print(f"Wrote {args.output}.")
    return EXIT_OK


# --- compare and merge (diff, merge) -------------------------------------------------------


def _add_compare_commands(sub: argparse._SubParsersAction) -> None:
    diff = sub.add_parser(
        "diff", help="compare two versions of a project (exit 0: same, 1: different)"
    )
    diff.add_argument("old", type=Path, help="the earlier version")
    diff.add_argument("new", type=Path, help="the later version")
    diff.add_argument("--json", action="store_true", help="machine-readable output")
    merge = sub.add_parser(
        "merge",
        help="merge two planners' edits of one project (exit 0: merged, 1: conflicts)",
        description="Three-way merge: the edits that made OURS and THEIRS from BASE, together. "
        "Also a Git merge driver: relplan merge %O %A %B -o %A (see docs/merge.md).",
    )
    merge.add_argument("base", type=Path, help="the common original (an empty file: none)")
    merge.add_argument("ours", type=Path, help="our edited version")
    merge.add_argument("theirs", type=Path, help="their edited version")
    merge.add_argument("-o", "--output", required=True, type=Path, help="file to write")
    merge.add_argument(
        "--take",
        choices=("ours", "theirs"),
        help="settle every conflict by taking this side (default: list them, exit 1)",
    )


def _diff(args: argparse.Namespace) -> int:
    from relplan.domain.diff import diff_json, diff_projects, diff_text

    diff = diff_projects(_load(args.old).project, _load(args.new).project)
    if args.json:
        report = {"old": str(args.old), "new": str(args.new), **diff_json(diff)}
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(diff_text(diff))
    return EXIT_PROBLEMS if diff else EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    from relplan.domain.diff import diff_projects
    from relplan.domain.merge import Side, merge_projects
    from relplan.domain.model import Project
    from relplan.storage import ProjectSaveError
    from relplan.storage.recovery import write_copy

    ours, theirs = _load(args.ours).project, _load(args.theirs).project
    # Git hands an empty file as the base when both sides added the file.
    empty = args.base.is_file() and args.base.stat().st_size == 0
    base = Project() if empty else _load(args.base).project
    result = merge_projects(base, ours, theirs)
    side = Side(args.take) if args.take else Side.OURS
    resolution = result.resolve(default=side)
    try:
        # No .bak beside the output: as a Git merge driver it is a file Git reads back.
        write_copy(resolution.project, args.output)
    except ProjectSaveError as exc:
        raise CliError(str(exc)) from None
    counts = [len(diff_projects(base, p, with_dates=False).records) for p in (ours, theirs)]
    print(
        f"Merged {counts[0]} change{'s' * (counts[0] != 1)} from {args.ours} and {counts[1]} "
        f"from {args.theirs} into {args.output}."
    )
    for line in resolution.dropped:
        print(line)
    conflicts = result.conflicts
    if not conflicts:
        return EXIT_OK
    s = "s" * (len(conflicts) != 1)
    if args.take:
        print(f"Settled {len(conflicts)} conflict{s} by taking {args.take}:")
    else:
        print(f"{len(conflicts)} conflict{s}; {args.output} holds ours for each:")
    for number, conflict in enumerate(conflicts, 1):
        print(f"  {number}. {conflict.message}")
    if args.take:
        return EXIT_OK
    print(
        "Choose a side for each in relplan (File > Compare with File…, then Merge), "
        "or run the merge again with --take ours or --take theirs."
    )
    return EXIT_PROBLEMS


_COMMANDS = {
    "demo": _demo,
    "validate": _validate,
    "schedule": _schedule,
    "export": _export,
    "import": _import,
    "diff": _diff,
    "merge": _merge,
}


# --- helpers -------------------------------------------------------------------------------


def _load(path: Path):
    from relplan.storage import ProjectFileError, load_project

    try:
        return load_project(path)
    except ProjectFileError as exc:
        # The sentence names the first error; list the others too, one sentence each.
        # The sentence counts the errors; warnings of the same file follow, marked as such.
        details = [f"{path}: {p}" for p in exc.errors[1:50]]
        details += [f"{path}: warning: {p}" for p in exc.problems if not p.is_error][:20]
        raise CliError(str(exc), details) from None
    except IsADirectoryError:
        raise CliError(f"{path} is a folder; give a .relplan file.") from None
    except FileNotFoundError:
        raise CliError(f"{path} does not exist; check the path.") from None
    except PermissionError:
        raise CliError(f"{path} cannot be read: permission denied.") from None
    except OSError as exc:
        raise CliError(f"{path} cannot be read: {exc.strerror or exc}.") from None


def _save(project, path: Path) -> None:
    from relplan.storage import ProjectSaveError, save_project

    try:
        save_project(project, path)
    except ProjectSaveError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{path} cannot be written: {exc.strerror or exc}.") from None


if __name__ == "__main__":
    sys.exit(main())
