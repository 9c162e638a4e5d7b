"""Puts the migrations and the built reporter app inside the wheel, as kua/_migrations and kua/_frontend.

Both live outside backend/ in the source tree; kua.config finds them there in a checkout and here in an
installed package (docs/deploy.md, "Installing the package"). Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# (source folder, name inside the package, what must be there for the copy to be of use)
BUNDLED = (
    (ROOT / "migrations", "_migrations", "env.py"),
    (ROOT / "frontend" / "dist", "_frontend", "index.html"),
)


class BuildWithMigrationsAndApp(build_py):
    """build_py, then copy the migrations and frontend/dist into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        for source, name, marker in BUNDLED:
            if not (source / marker).is_file():
                raise SystemExit(f"{source / marker} is missing: run `make frontend` before building the package.")
            target = Path(self.build_lib) / "kua" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithMigrationsAndApp})
