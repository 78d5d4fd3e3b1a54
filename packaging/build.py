"""Build and check relplan's wheel, desktop bundle and installer (docs/packaging.md).

    python packaging/build.py wheel          dist/relplan-VERSION-py3-none-any.whl
    python packaging/build.py bundle         dist/relplan (Windows, Linux) or dist/relplan.app
    python packaging/build.py installer      Windows: Inno Setup installer; macOS: a .dmg
    python packaging/build.py check-bundle   run the bundle headless: commands, then the GUI
    python packaging/build.py ci             all checks CI runs, in a temporary folder

``bundle`` and ``installer`` use this Python, which must have relplan and PyInstaller
installed (pip install '.[packaging]'). Only the standard library is needed otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bundle

ROOT = bundle.PACKAGING.parent
DIST = ROOT / "dist"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"


class BuildError(Exception):
    """A step failed; the message says which and what to do."""


def run(cmd: list[str | Path], cwd: Path | None = None, env: dict | None = None) -> str:
    """Run ``cmd``, echo it, return its stdout; a non-zero exit is a BuildError."""
    shown = ("<script>" if "\n" in str(c) else str(c) for c in cmd)
    print("$", " ".join(shown), flush=True)
    result = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        raise BuildError(f"{Path(str(cmd[0])).name} exited with {result.returncode}; see above.")
    return result.stdout


# --- building ----------------------------------------------------------------------------


def build_wheel(python: str, out: Path) -> Path:
    """The wheel of this checkout, built by ``python``'s pip (isolated build) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    run([python, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, ROOT])
    wheels = sorted(out.glob(f"relplan-{bundle.version()}-*.whl"))
    if not wheels:
        raise BuildError(f"pip built no relplan {bundle.version()} wheel in {out}.")
    return wheels[-1]


def build_bundle(python: str, dist: Path, work: Path) -> Path:
    """Run PyInstaller on relplan.spec with ``python``; returns the bundle's folder or .app."""
    spec = bundle.PACKAGING / "relplan.spec"
    options = ["--noconfirm", "--log-level", "WARN", "--distpath", dist, "--workpath", work]
    run([python, "-m", "PyInstaller", *options, spec], cwd=ROOT)
    return dist / (f"{bundle.APP_NAME}.app" if MACOS else bundle.APP_NAME)


def build_installer(bundle_path: Path) -> Path:
    """Windows: Inno Setup's iscc on relplan.iss. macOS: a compressed disk image."""
    version = bundle.version()
    if WINDOWS:
        iscc = shutil.which("iscc") or next(
            (
                str(p)
                for p in (
                    Path(os.environ.get(var, "")) / "Inno Setup 6" / "ISCC.exe"
                    for var in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA")
                )
                if p.is_file()
            ),
            None,
        )
        if iscc is None:
            raise BuildError("Inno Setup 6 is not installed; install it and run this again.")
        run([iscc, f"/DAppVersion={version}", bundle.PACKAGING / "windows" / "relplan.iss"])
        return DIST / f"{bundle.APP_NAME}-{version}-setup.exe"
    if MACOS:
        image = DIST / f"{bundle.APP_NAME}-{version}.dmg"
        run(
            [
                "hdiutil",
                "create",
                "-volname",
                f"{bundle.APP_NAME} {version}",
                "-srcfolder",
                bundle_path,
                "-ov",
                "-format",
                "UDZO",
                image,
            ]
        )
        return image
    raise BuildError("There is no installer for Linux; ship the folder dist/relplan instead.")


# --- checking ----------------------------------------------------------------------------


def executable(bundle_path: Path) -> Path:
    """The program inside a bundle that prints to the console."""
    if MACOS:
        return bundle_path / "Contents" / "MacOS" / bundle.APP_NAME
    name = bundle.CLI_NAME if WINDOWS else bundle.APP_NAME
    return bundle_path / (f"{name}.exe" if WINDOWS else name)


def smoke(relplan: list[str], gui: list[str], folder: Path) -> None:
    """Run the commands a user runs, in ``folder`` (outside the checkout), and the GUI check.

    ``relplan`` is how to call the command; ``gui`` the same program, run with
    RELPLAN_BUNDLE_SELFTEST=1 (the entry point of the bundle).
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)  # nothing from the checkout
    folder.mkdir(parents=True, exist_ok=True)
    expected = f"relplan {bundle.version()}"
    if run([*relplan, "--version"], folder, env).strip() != expected:
        raise BuildError(f"relplan --version does not say {expected!r}.")
    run([*relplan, "demo", "-o", "sample.relplan"], folder, env)
    run([*relplan, "validate", "sample.relplan"], folder, env)
    schedules = json.loads(run([*relplan, "schedule", "sample.relplan", "--json"], folder, env))
    release = schedules[0]["release"]
    run([*relplan, "export", "ics", "sample.relplan", "-o", "sample.ics"], folder, env)
    has_pdf = subprocess.run(
        [*relplan, "export", "plan", "--help"], cwd=folder, env=env, capture_output=True
    )
    if has_pdf.returncode == 0:
        run(
            [*relplan, "export", "plan", "sample.relplan", "--release", release, "-o", "plan.pdf"],
            folder,
            env,
        )
        pdf = (folder / "plan.pdf").read_bytes()
        if not pdf.startswith(b"%PDF") or b"DejaVu" not in pdf:
            raise BuildError("plan.pdf is not a PDF with the bundled DejaVu fonts embedded.")
        print(f"plan.pdf: {len(pdf) // 1024} KiB with the bundled fonts.")
    else:
        print("relplan export plan is not available in this version: PDF check skipped.")
    run([*gui, "sample.relplan"], folder, {**env, "RELPLAN_BUNDLE_SELFTEST": "1"})


RESOURCE_CHECK = """
import sys
from importlib.resources import files
from pathlib import Path
folder = Path(str(files("relplan.resources")))
wanted = ["icons/app.svg", "fonts/DejaVuSans.ttf", "templates"]
missing = [w for w in wanted if not (folder / w).exists()]
if missing or not any((folder / "templates").glob("*.json")):
    sys.exit(f"relplan.resources in {folder} lacks {missing or 'templates/*.json'}")
if not folder.is_relative_to(sys.prefix):
    sys.exit(f"relplan.resources comes from {folder}, not from this environment")
print(f"resources from {folder}:", sorted(p.name for p in folder.iterdir()))
"""


def venv_bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if WINDOWS else "bin") / (f"{name}.exe" if WINDOWS else name)


def check_wheel(wheel: Path, venv: Path, folder: Path, extras: str = "") -> Path:
    """Install ``wheel`` into a fresh venv and run it there; returns the venv's Python."""
    folder.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "venv", venv])
    python = venv_bin(venv, "python")
    run([python, "-m", "pip", "install", "--quiet", f"{wheel}{extras}"])
    run([python, "-c", RESOURCE_CHECK], folder)
    relplan = [str(venv_bin(venv, "relplan"))]
    smoke(relplan, [str(python), str(bundle.PACKAGING / "relplan_main.py")], folder)
    return python


def check_bundle(bundle_path: Path, folder: Path) -> None:
    """Run the bundle headless, from ``folder``: commands, then the GUI self-test."""
    program = executable(bundle_path)
    if not program.is_file():
        raise BuildError(f"{program} does not exist; build the bundle first.")
    smoke([str(program)], [str(program)], folder)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def ci(keep: bool) -> None:
    """Wheel -> fresh venv -> commands; PyInstaller bundle from that venv -> commands."""
    work = Path(tempfile.mkdtemp(prefix="relplan-packaging-"))
    started = time.monotonic()
    try:
        wheel = build_wheel(sys.executable, work / "wheel")
        print(f"wheel: {wheel.name}, {wheel.stat().st_size // 1024} KiB")
        python = check_wheel(wheel, work / "venv", work / "run-wheel", "[packaging]")
        wheel_done = time.monotonic()
        print(f"-- wheel built, installed and run in {wheel_done - started:.0f} s")
        built = build_bundle(str(python), work / "dist", work / "build")
        print(
            f"-- bundle built in {time.monotonic() - wheel_done:.0f} s: "
            f"{folder_size(built) / 2**20:.0f} MiB in {built}"
        )
        check_bundle(built, work / "run-bundle")
        print(f"-- packaging checks passed in {time.monotonic() - started:.0f} s")
    finally:
        if keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "step", choices=("wheel", "bundle", "installer", "check-bundle", "ci"), help="what to do"
    )
    parser.add_argument("--keep", action="store_true", help="ci: keep the temporary folder")
    args = parser.parse_args(argv)
    target = DIST / (f"{bundle.APP_NAME}.app" if MACOS else bundle.APP_NAME)
    try:
        if args.step == "wheel":
            print(f"Built {build_wheel(sys.executable, DIST)}.")
        elif args.step == "bundle":
            built = build_bundle(sys.executable, DIST, ROOT / "build" / "pyinstaller")
            print(f"Built {built} ({folder_size(built) / 2**20:.0f} MiB).")
        elif args.step == "installer":
            print(f"Built {build_installer(target)}.")
        elif args.step == "check-bundle":
            with tempfile.TemporaryDirectory() as folder:
                check_bundle(target, Path(folder))
            print(f"{target} works.")
        else:
            ci(args.keep)
    except BuildError as exc:
        print(f"build.py: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
