"""Packaging glue that pyproject.toml cannot express on its own.

The rule packs live at the top of the repository (`rules/`), where rule authors expect
them; installed, they become the data-only package `propalint_rules`, so that a
non-editable install (pre-commit, pip install from a URL) ships them too.
"""

from setuptools import find_namespace_packages, find_packages, setup

rule_packages = ["propalint_rules"] + [f"propalint_rules.{p}" for p in find_namespace_packages(where="rules")]

setup(
    packages=find_packages(include=["detector", "detector.*"]) + rule_packages,
    package_dir={"propalint_rules": "rules"},
    package_data={
        "detector": ["**/*.lark", "**/*.json", "**/*.txt", "**/*.html", "**/*.css", "**/*.js"],
        "propalint_rules": ["*.yaml", "**/*.yaml", "**/*.txt", "*.md", "**/*.md"],
    },
)
