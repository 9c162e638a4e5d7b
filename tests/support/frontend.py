"""Reaching the frontend's Node tooling (npm packages, interop scripts) from Python tests."""

import base64
import json
import shutil
import subprocess
from pathlib import Path

from tests.support.ci import require

REPO = Path(__file__).resolve().parents[2]
FRONTEND = REPO / "frontend"
VECTORS = REPO / "tests" / "vectors"


def node_modules() -> Path:
    path = FRONTEND / "node_modules"
    require(shutil.which("node") is not None and path.is_dir(), "frontend/node_modules missing: run `make test`")
    return path


def run_node(script: str, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """Run a Node script from the frontend folder, so it resolves the frontend's packages."""
    node_modules()
    return subprocess.run(
        ["node", script, *args], input=stdin, cwd=FRONTEND, capture_output=True, timeout=120, check=False
    )


def cctv_vectors() -> dict[str, bytes]:
    """The C2SP age conformance vectors, as exported by the npm package cctv-age."""
    node_modules()
    program = (
        "const m = await import('cctv-age');"
        "const out = {}; for (const [k, v] of Object.entries(m)) if (k !== 'default')"
        " out[k] = Buffer.from(v).toString('base64');"
        "process.stdout.write(JSON.stringify(out));"
    )
    result = subprocess.run(
        ["node", "--input-type=module", "-e", program], cwd=FRONTEND, capture_output=True, timeout=60, check=True
    )
    return {name: base64.b64decode(value) for name, value in json.loads(result.stdout).items()}
