"""The package list: everything under app/, plus the top-level resources/ folder shipped as
relplan.resources with its data folders (pyproject.toml's package finder only searches one
folder). The rest of the configuration is in pyproject.toml."""

from setuptools import find_namespace_packages, find_packages, setup

data_folders = find_namespace_packages("resources", exclude=["__pycache__", "*.__pycache__"])
setup(
    packages=[
        *find_packages("app"),
        "relplan.resources",
        *(f"relplan.resources.{name}" for name in data_folders),
    ]
)
