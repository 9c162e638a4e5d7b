"""Puts the migrations and the built reporter app inside the wheel, as kua/_migrations and kua/_frontend.

Both live outside backend/ in the source tree; kua.config finds them there in a checkout and here in an
installed package (docs/deploy.md, "Installing the package"). Everything else is in pyproject.toml.
"""

import os
import re
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
# The development root keys of `kua dev-setup` (their secret keys are public), as the app's build lists them.
DEVELOPMENT_KEYS_SOURCE = ROOT / "frontend" / "build" / "deployment.ts"
ALLOW_DEVELOPMENT_APP = "KUA_PACKAGE_DEVELOPMENT_APP"


def development_root_keys() -> list[str]:
    source = DEVELOPMENT_KEYS_SOURCE.read_text(encoding="utf-8")
    listed = source.split("DEVELOPMENT_ROOT_PUBLIC_KEYS: readonly string[] = [", 1)[-1].split("];", 1)[0]
    keys = re.findall(r"kuaroot1[a-z0-9]+", listed)
    if not keys:
        raise SystemExit(f"No development root keys found in {DEVELOPMENT_KEYS_SOURCE}; setup.py must follow it.")
    return keys


def pins_development_keys(app: Path) -> bool:
    """Whether the built app trusts the development root keys (a build made by `make frontend`)."""
    keys = [key.encode("ascii") for key in development_root_keys()]
    return any(key in script.read_bytes() for script in app.rglob("*.js") for key in keys)


class BuildWithMigrationsAndApp(build_py):
    """build_py, then copy the migrations and frontend/dist into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        for source, name, marker in BUNDLED:
            if not (source / marker).is_file():
                raise SystemExit(f"{source / marker} is missing: run `make frontend` before building the package.")
            if name == "_frontend" and pins_development_keys(source) and os.environ.get(ALLOW_DEVELOPMENT_APP) != "1":
                raise SystemExit(
                    f"{source} pins the development root keys of `kua dev-setup`, whose secret keys are public: build"
                    " it with the coalition's deployment file (docs/deploy.md, 'Installing the package'), or set"
                    f" {ALLOW_DEVELOPMENT_APP}=1 for a wheel that only tests will use."
                )
            target = Path(self.build_lib) / "kua" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithMigrationsAndApp})
