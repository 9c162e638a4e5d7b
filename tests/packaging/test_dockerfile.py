"""The image recipe: it cannot be built here (no Docker engine), so it is linted and read."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"


def test_hadolint_finds_nothing_in_the_dockerfile() -> None:
    result = subprocess.run(
        [str(HADOLINT), "--no-color", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_unprivileged_with_migrations_and_the_built_app() -> None:
    recipe = DOCKERFILE.read_text()
    assert "\nUSER 10001" in recipe
    # setup.py puts both inside the installed package: no KUA_MIGRATIONS_DIR/KUA_FRONTEND_DIR to keep in step
    install = recipe.index("RUN pip install --no-cache-dir .")
    assert -1 < recipe.index("COPY migrations/ migrations/") < install
    assert -1 < recipe.index("COPY --from=frontend /src/frontend/dist/ frontend/dist/") < install
    assert -1 < recipe.index("COPY frontend/build/deployment.ts frontend/build/") < install
    assert "KUA_MIGRATIONS_DIR" not in recipe and "KUA_FRONTEND_DIR" not in recipe
    assert (REPO / "docker" / "entrypoint.sh").stat().st_mode & 0o111


def test_the_build_context_leaves_out_secrets_and_local_state() -> None:
    ignored = set((REPO / ".dockerignore").read_text().split())
    assert {".git", ".venv", "var", "*.env", "frontend/node_modules"} <= ignored
