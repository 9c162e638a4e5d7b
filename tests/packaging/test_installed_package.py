"""The built package migrates and serves on its own: no source tree, no KUA_MIGRATIONS_DIR or KUA_FRONTEND_DIR.

Given the wheel built from this checkout (migrations and frontend/dist inside it, setup.py),
installed into a fresh virtualenv that borrows only the project's dependencies,
when an operator runs `kua db upgrade` against a fresh PostgreSQL database and `kua serve` from an empty folder,
then the reporter app, the reviewer console and /readyz answer.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kua.crypto.rootkeys import development_root_key
from tests.support.ci import require
from tests.support.databases import fresh_postgres_database
from tests.support.server import came_up, free_port, stop_gently

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "frontend" / "dist"
BUILD_WHEEL = (sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation")
SOURCES = ("pyproject.toml", "setup.py", "README.md", "backend", "migrations", "frontend/dist", "frontend/build")


def _run(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(arg) for arg in args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built offline from a copy of the files the build reads (the checkout stays clean)."""
    require((DIST / "index.html").is_file(), "frontend/dist is not built: run `make frontend`")
    source = _copy_of_sources(tmp_path_factory.mktemp("source"))
    out = tmp_path_factory.mktemp("wheel")
    # `make frontend` builds with the development deployment file: only a test may package that app
    env = {**os.environ, "KUA_PACKAGE_DEVELOPMENT_APP": "1"}
    _run(*BUILD_WHEEL, "-w", out, source, env=env)
    (built,) = out.glob("kua-*.whl")
    return built


def _copy_of_sources(folder: Path) -> Path:
    """The files the build reads, copied into `folder` (the build leaves build/ and egg-info behind)."""
    folder.mkdir(exist_ok=True)
    for name in SOURCES:
        origin, target = REPO / name, folder / name
        if origin.is_dir():
            shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(origin, target)
    return folder


def test_a_development_app_is_not_packaged_by_accident(tmp_path: Path) -> None:
    # Given the app `make frontend` built, which pins the development root keys (their secrets are public)
    require((DIST / "index.html").is_file(), "frontend/dist is not built: run `make frontend`")
    keys = [development_root_key(n).public_text.encode() for n in (1, 2)]
    pinned = any(key in script.read_bytes() for script in DIST.rglob("*.js") for key in keys)
    require(pinned, "frontend/dist was built with another deployment file than the development one")
    # When someone builds a wheel of it without saying it is for tests, the build refuses
    env = {name: value for name, value in os.environ.items() if name != "KUA_PACKAGE_DEVELOPMENT_APP"}
    source, out = _copy_of_sources(tmp_path / "source"), tmp_path / "wheel"
    refused = subprocess.run(
        [*BUILD_WHEEL, "-w", out, source], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert refused.returncode != 0
    assert "pins the development root keys" in refused.stdout + refused.stderr
    assert not list(out.glob("*.whl"))


@pytest.fixture(scope="module")
def installed_kua(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kua` from the wheel in a fresh virtualenv; its dependencies come from the project's site-packages."""
    venv = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    site_packages = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip())
    # A plain path line: the project's own .pth files (its editable kua) are not read from there.
    (site_packages / "project-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel)
    where = _run(python, "-c", "import kua; print(kua.__file__)", cwd=venv).strip()
    assert where.startswith(str(site_packages)), f"kua was imported from {where}, not from the installed wheel"
    return venv / "bin" / "kua"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


def test_the_installed_package_migrates_postgres_and_serves(
    installed_kua: Path, postgres_url: str, tmp_path: Path
) -> None:
    workdir = tmp_path / "instance"
    workdir.mkdir()
    env = {name: value for name, value in os.environ.items() if not name.startswith(("KUA_", "PYTHON"))}
    env.update(KUA_ENV="development", KUA_DATA_DIR=str(workdir / "data"), KUA_DATABASE_URL=postgres_url)

    _run(installed_kua, "db", "upgrade", env=env, cwd=workdir)
    current, newest = (
        line.split()[-1] for line in _run(installed_kua, "db", "current", env=env, cwd=workdir).split("\n")[:2]
    )
    assert current == newest and newest.startswith("00"), f"the schema is at {current}, not {newest}"

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (workdir / "server.log").open("wb")
    server = subprocess.Popen(
        [installed_kua, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        ready = came_up(server, lambda: _answers(base + "/readyz"), timeout=30, interval=0.1)
        assert ready, (workdir / "server.log").read_text()
        reporter_app = httpx.get(base + "/", timeout=5)
        console = httpx.get(base + "/review", timeout=5)
        assert reporter_app.status_code == 200 and '<div id="app"' in reporter_app.text
        assert console.status_code == 200 and "review" in console.text.lower()
        assert httpx.get(base + "/readyz", timeout=5).status_code == 200
    finally:
        stop_gently(server, timeout=10)
        log.close()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False
