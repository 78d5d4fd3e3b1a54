"""What goes into the desktop bundles and what they are called.

Shared by relplan.spec (PyInstaller), build.py and the tests, so the names in the Windows
installer, the macOS Info.plist and the bundle agree. Plain Python: no PyInstaller import.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ICONS = PACKAGING / "icons"

APP_NAME = "relplan"  # executables, the bundle folder and the .app
CLI_NAME = "relplan-cli"  # Windows only: the console twin of the windowed relplan.exe
PUBLISHER = "The relplan authors"
COPYRIGHT = "Copyright (C) The relplan authors. GPL-3.0-or-later."
DESCRIPTION = "relplan: release planning"
BUNDLE_ID = "org.relplan.relplan"

# The project file type, as the desktops know it.
EXTENSION = "relplan"
DOCUMENT_NAME = "relplan project"
DOCUMENT_UTI = "org.relplan.project"  # macOS: Uniform Type Identifier
DOCUMENT_MIME = "application/vnd.relplan+json"
WINDOWS_PROGID = "relplan.Project"
MACOS_MINIMUM = "13.0"  # Qt 6.11 runs on macOS 13 and later

APP_ICON = {"win32": ICONS / "relplan.ico", "darwin": ICONS / "relplan.icns"}
DOCUMENT_ICON = {"win32": ICONS / "relplan-document.ico", "darwin": ICONS / "relplan-document.icns"}

# Files of relplan.resources that ship (the same list as pyproject.toml's package-data).
RESOURCE_SUFFIXES = (".relplan", ".json", ".ttf", ".png", ".svg", ".ico", ".icns", ".txt")

# Modules found only by name at run time, which PyInstaller's import scan cannot see.
HIDDEN_IMPORTS = [
    "relplan.resources",  # importlib.resources.files("relplan.resources")
    "PySide6.QtSvg",  # Qt's SVG icon engine and image plugin need the QtSvg library
]
# Big modules relplan never uses, which other packages would drag in.
EXCLUDES = [
    "tkinter",
    "unittest",
    "pydoc",
    "test",
    "IPython",
    "matplotlib",
    "numpy",
    "scipy",
    "PySide6.QtNetwork",  # PySide6's package lists it; relplan opens no sockets through Qt
]


def is_unused_qt_data(destination: str) -> bool:
    """Qt's own translations: relplan installs no Qt translator, so they would go unused."""
    parts = destination.replace("\\", "/").split("/")
    return parts[0] == "PySide6" and "translations" in parts[1:3]


def version() -> str:
    """relplan.__version__, read from the source so a build needs no import of relplan."""
    init = PACKAGING.parent / "app" / "relplan" / "__init__.py"
    match = re.search(r'^__version__ = "([^"]+)"', init.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise SystemExit(f"{init} has no __version__ line; add one.")
    return match.group(1)


def version_tuple(text: str) -> tuple[int, int, int, int]:
    """Four numbers for Windows: "1.2.3" -> (1, 2, 3, 0); a suffix ("1.2.0rc1") is dropped."""
    numbers = [int(n) for n in re.findall(r"\d+", text.split("+")[0])[:3]]
    while len(numbers) < 4:
        numbers.append(0)
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def resources_folder() -> Path:
    """The relplan.resources folder of the relplan that this Python imports.

    The bundle's data must come from the same relplan as its code: install relplan into
    the build environment first (docs/packaging.md).
    """
    spec = importlib.util.find_spec("relplan.resources")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "relplan.resources cannot be imported; install relplan into this environment "
            "first (pip install '.[packaging]') and build again."
        )
    return Path(next(iter(spec.submodule_search_locations)))


def resource_datas(folder: Path | None = None) -> list[tuple[str, str]]:
    """PyInstaller ``datas`` for every resource file: (source file, folder in the bundle)."""
    folder = folder or resources_folder()
    datas = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in RESOURCE_SUFFIXES and "__pycache__" not in path.parts:
            target = Path("relplan", "resources", *path.relative_to(folder).parts[:-1])
            datas.append((str(path), target.as_posix()))
    return datas


def info_plist(app_version: str) -> dict:
    """The macOS Info.plist entries beyond PyInstaller's own: the .relplan document type."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": app_version,
        "CFBundleVersion": app_version,
        "NSHumanReadableCopyright": COPYRIGHT,
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "NSHighResolutionCapable": True,
        "NSPrincipalClass": "NSApplication",
        # Finder's double-click, Open With and drops on the Dock icon arrive as Apple
        # Events, which Qt turns into QFileOpenEvent (relplan.ui.app.FileOpenHandler).
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": DOCUMENT_NAME,
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [DOCUMENT_UTI],
                "CFBundleTypeIconFile": DOCUMENT_ICON["darwin"].name,
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": DOCUMENT_UTI,
                "UTTypeDescription": DOCUMENT_NAME,
                # A project file is JSON text (docs/file-format.md).
                "UTTypeConformsTo": ["public.json", "public.data"],
                "UTTypeIconFile": DOCUMENT_ICON["darwin"].name,
                "UTTypeTagSpecification": {
                    "public.filename-extension": [EXTENSION],
                    "public.mime-type": [DOCUMENT_MIME],
                },
            }
        ],
    }


def write_version_info(folder: Path, app_version: str, exe_name: str = APP_NAME) -> Path:
    """Write ``version_info[-NAME].txt`` for ``exe_name`` into ``folder``; returns its path."""
    suffix = "" if exe_name == APP_NAME else f"-{exe_name}"
    path = folder / f"version_info{suffix}.txt"
    path.write_text(version_info_text(app_version, exe_name), encoding="utf-8")
    return path


def version_info_text(app_version: str, exe_name: str = APP_NAME) -> str:
    """The Windows version resource in PyInstaller's text format (Explorer > Properties)."""
    numbers = version_tuple(app_version)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": DESCRIPTION,
        "FileVersion": app_version,
        "InternalName": exe_name,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": app_version,
    }
    entries = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""# UTF-8
# Generated by packaging/bundle.py from relplan.__version__; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
{entries}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200])])
  ]
)
"""
