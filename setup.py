"""Packaging glue: ship the top-level templates/, schemas/ and catalog/ folders inside okrgen.

They live at the top of the repository (where authors look for them) and are installed as the
data packages okrgen._templates, okrgen._schemas and okrgen._catalog, sub-folders included.
Everything else is in pyproject.toml.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

ROOT = Path(__file__).parent
DATA = {"okrgen._templates": "templates", "okrgen._schemas": "schemas", "okrgen._catalog": "catalog"}

package_dir = {"okrgen": "okrgen"}
package_data = {"okrgen": ["**/*.yaml", "**/*.json"]}
for package, folder in DATA.items():
    for sub in [ROOT / folder, *sorted(p for p in (ROOT / folder).rglob("*") if p.is_dir() and p.name != "__pycache__")]:
        rel = sub.relative_to(ROOT / folder)
        name = ".".join([package, *rel.parts])
        package_dir[name] = str(Path(folder, *rel.parts))
        package_data[name] = ["*"]

setup(
    packages=find_namespace_packages(include=["okrgen", "okrgen.*"], exclude=["*.__pycache__"]) + sorted(set(package_data) - {"okrgen"}),
    package_dir=package_dir,
    package_data=package_data,
)
