"""The ``.relplan`` project file: TinyDB JSON, checked on load, saved atomically. No Qt.

See docs/file-format.md for the format itself.
"""

from relplan.storage.atomic import AtomicJSONStorage, backup_path
from relplan.storage.document import project_from_dict, project_to_dict
from relplan.storage.migrations import SCHEMA_VERSION
from relplan.storage.problems import Problem, ProjectFileError, ProjectSaveError
from relplan.storage.project_file import LoadResult, load_project, save_project

__all__ = [
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "LoadResult",
    "Problem",
    "ProjectFileError",
    "ProjectSaveError",
    "backup_path",
    "load_project",
    "project_from_dict",
    "project_to_dict",
    "save_project",
]
