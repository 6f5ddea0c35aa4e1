"""Packaging glue: ship the top-level templates/, schemas/ and catalog/ folders inside okrgen.

Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

DATA_PACKAGES = {"okrgen._templates": "templates", "okrgen._schemas": "schemas", "okrgen._catalog": "catalog"}

setup(
    packages=find_packages(include=["okrgen", "okrgen.*"]) + list(DATA_PACKAGES),
    package_dir={"okrgen": "okrgen", **DATA_PACKAGES},
)
