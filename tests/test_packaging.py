"""The desktop packaging definitions agree with each other and ship everything relplan needs.

Cheap checks of packaging/: the PyInstaller spec, the macOS Info.plist, the Windows
installer script and version resource, the icons, and the wheel's package list. CI builds
the real wheel and bundle and runs them (packaging/build.py ci).
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import plistlib
import re
import sys
import tomllib
from pathlib import Path

from PIL import Image

import relplan

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bundle = _load("relplan_packaging_bundle", PACKAGING / "bundle.py")


def test_the_bundle_version_is_relplans():
    assert bundle.version() == relplan.__version__
    assert bundle.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert bundle.version_tuple("2.0rc1") == (2, 0, 1, 0)
    assert bundle.version_tuple("0.1.0+local.7") == (0, 1, 0, 0)


def test_the_spec_is_python_that_collects_the_resources_and_declares_the_bundles():
    source = (PACKAGING / "relplan.spec").read_text(encoding="utf-8")
    tree = ast.parse(source)
    calls = {
        node.func.id: node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= set(calls)
    analysis = {kw.arg: ast.unparse(kw.value) for kw in calls["Analysis"].keywords}
    assert analysis["datas"] == "datas"
    assert "bundle.resource_datas()" in source
    assert "bundle.HIDDEN_IMPORTS" in analysis["hiddenimports"]
    assert "relplan_main.py" in ast.unparse(calls["Analysis"].args[0])
    macos = {kw.arg: ast.unparse(kw.value) for kw in calls["BUNDLE"].keywords}
    assert macos["info_plist"] == "bundle.info_plist(VERSION)"
    assert macos["bundle_identifier"] == "bundle.BUNDLE_ID"
    assert "argv_emulation=False" in source  # Qt gets the Finder's files as events
    assert (PACKAGING / "relplan_main.py").is_file()
    assert "relplan.resources" in bundle.HIDDEN_IMPORTS


def test_every_resource_file_goes_into_the_bundle_under_relplan_resources():
    datas = bundle.resource_datas(RESOURCES)
    by_name = {Path(source).name: target for source, target in datas}
    assert by_name["app.svg"] == "relplan/resources/icons"
    assert by_name["DejaVuSans.ttf"] == "relplan/resources/fonts"
    assert by_name["standard-itil.json"] == "relplan/resources/templates"
    assert not any("__pycache__" in source or source.endswith(".py") for source, _ in datas)
    shipped = {p for p in RESOURCES.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    shipped = {p for p in shipped if p.suffix != ".py"}
    assert {Path(source) for source, _ in datas} == shipped


def test_the_wheel_packages_the_resources_with_relplan():
    """setup.py's package list and pyproject's package-data together take every resource."""
    captured: dict = {}
    import setuptools

    original = setuptools.setup
    setuptools.setup = lambda **kwargs: captured.update(kwargs)
    try:
        _load("relplan_setup", ROOT / "setup.py")
    finally:
        setuptools.setup = original
    packages = captured["packages"]
    assert "relplan" in packages and "relplan.ui.views" in packages
    assert "relplan.resources" in packages
    assert {"relplan.resources.fonts", "relplan.resources.icons"} <= set(packages)
    assert not any("__pycache__" in p for p in packages)

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert config["setuptools"]["package-dir"]["relplan.resources"] == "resources"
    globs = config["setuptools"]["package-data"]["relplan.resources"]
    assert tuple(sorted(g.removeprefix("**/*") for g in globs)) == tuple(
        sorted(bundle.RESOURCE_SUFFIXES)
    )  # the bundle and the wheel ship the same kinds of file
    for source, _ in bundle.resource_datas(RESOURCES):
        relative = Path(source).relative_to(RESOURCES).as_posix()
        assert any(fnmatch.fnmatch(relative, g.removeprefix("**/")) for g in globs), relative
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    packaging_extra = " ".join(extras["optional-dependencies"]["packaging"])
    assert "pyinstaller" in packaging_extra and "build" in packaging_extra


def test_the_macos_info_plist_declares_the_relplan_document_type():
    plist = plistlib.loads(plistlib.dumps(bundle.info_plist("1.2.3")))
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == ["org.relplan.project"]
    assert document["CFBundleTypeRole"] == "Editor"
    (uti,) = plist["UTExportedTypeDeclarations"]
    assert uti["UTTypeIdentifier"] == "org.relplan.project"
    assert set(uti["UTTypeConformsTo"]) == {"public.json", "public.data"}
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["relplan"]
    for name in (document["CFBundleTypeIconFile"], uti["UTTypeIconFile"]):
        assert (PACKAGING / "icons" / name).is_file()
    entitlements = plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}


def _iss() -> tuple[dict[str, str], list[dict[str, str]], str]:
    """The .iss script: its #defines, its [Registry] entries, and the whole text."""
    text = (PACKAGING / "windows" / "relplan.iss").read_text(encoding="utf-8")
    defines = dict(re.findall(r'^#define (\w+) "([^"]*)"', text, re.M))
    section = text.split("[Registry]")[1].split("\n[")[0]
    entries = []
    for line in section.splitlines():
        if line.startswith("Root:"):
            fields = (part.split(":", 1) for part in line.split("; "))
            entries.append({k.strip(): v.strip() for k, v in fields})
    for entry in entries:  # expand {#Name} as the Inno Setup preprocessor does
        for key, value in entry.items():
            entry[key] = re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)
    return defines, entries, text


def test_the_windows_installer_registers_the_extension_with_icon_and_open_verb():
    defines, entries, text = _iss()
    assert defines["DocExt"] == f".{bundle.EXTENSION}"
    assert defines["DocProgId"] == bundle.WINDOWS_PROGID
    assert defines["DocMime"] == bundle.DOCUMENT_MIME
    values = {(e["Subkey"], e["ValueName"]): e["ValueData"] for e in entries}
    assert values[(r'"Software\Classes\.relplan"', '""')] == '"relplan.Project"'
    assert values[(r'"Software\Classes\.relplan\OpenWithProgids"', '"relplan.Project"')] == '""'
    assert values[(r'"Software\Classes\relplan.Project\DefaultIcon"', '""')] == (
        r'"{app}\relplan-document.ico,0"'
    )
    command = values[(r'"Software\Classes\relplan.Project\shell\open\command"', '""')]
    assert command == r'"""{app}\relplan.exe"" ""%1"""'
    assert all(e["Root"] == "HKA" for e in entries)  # per user, or per machine if chosen
    assert "ChangesAssociations=yes" in text
    assert r'Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"' in text
    assert r'Source: "{#BundleDir}\*"' in text and defines["BundleDir"] == r"..\..\dist\relplan"
    assert r'Source: "..\icons\relplan-document.ico"' in text
    assert "SetupIconFile=..\\icons\\relplan.ico" in text
    assert "UninstallDisplayIcon={app}\\{#AppExe}" in text


def test_the_windows_version_resource_carries_relplans_version(tmp_path):
    path = bundle.write_version_info(tmp_path, "1.4.2")
    text = path.read_text(encoding="utf-8")
    assert path.name == "version_info.txt"
    expression = ast.parse(text, mode="eval").body
    assert isinstance(expression, ast.Call) and ast.unparse(expression.func) == "VSVersionInfo"
    assert "filevers=(1, 4, 2, 0)" in text and "prodvers=(1, 4, 2, 0)" in text
    assert "StringStruct('ProductVersion', '1.4.2')" in text
    assert "StringStruct('OriginalFilename', 'relplan.exe')" in text
    cli = bundle.write_version_info(tmp_path, "1.4.2", bundle.CLI_NAME).read_text()
    assert "StringStruct('OriginalFilename', 'relplan-cli.exe')" in cli


def test_the_icons_hold_every_size_the_desktops_ask_for():
    icons = PACKAGING / "icons"
    for name in ("relplan", "relplan-document"):
        with Image.open(icons / f"{name}.ico") as ico:
            assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]
        with Image.open(icons / f"{name}.icns") as icns:
            assert (512, 512, 2) in icns.info["sizes"]  # 1024 px for Retina
            assert (16, 16, 2) in icns.info["sizes"]
        with Image.open(icons / f"{name}.png") as png:
            assert png.size == (512, 512) and png.mode == "RGBA"
    assert bundle.APP_ICON["win32"].is_file() and bundle.APP_ICON["darwin"].is_file()
