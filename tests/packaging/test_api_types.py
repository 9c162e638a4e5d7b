"""The frontend's API types are generated from the server's OpenAPI document, never edited by hand.

frontend/src/shared/api/schema.gen.ts is what openapi-typescript (the frontend's pinned copy) makes of
the document a real `kua serve` serves at /api/openapi.json. A change to a route or a schema without
`make api-types` fails here, before the console or the phone reads a field the server no longer sends.
"""

import difflib
import subprocess
from pathlib import Path

import httpx

from tests.support.ci import require
from tests.support.server import REPO, RunningServer

FRONTEND = REPO / "frontend"
GENERATED = FRONTEND / "src" / "shared" / "api" / "schema.gen.ts"
OPENAPI_TYPESCRIPT = FRONTEND / "node_modules" / ".bin" / "openapi-typescript"


def test_the_committed_api_types_are_what_the_served_schema_generates(
    kua_server: RunningServer, tmp_path: Path
) -> None:
    require(OPENAPI_TYPESCRIPT.is_file(), "frontend/node_modules missing: run `make test-deps`")
    response = httpx.get(kua_server.url("/api/openapi.json"), timeout=10)
    assert response.status_code == 200, response.text
    schema = tmp_path / "openapi.json"
    schema.write_bytes(response.content)
    generated = tmp_path / "schema.gen.ts"

    subprocess.run(
        [str(OPENAPI_TYPESCRIPT), str(schema), "--output", str(generated)],
        cwd=FRONTEND,
        check=True,
        capture_output=True,
        timeout=120,
    )

    expected, committed = generated.read_text(encoding="utf-8"), GENERATED.read_text(encoding="utf-8")
    if committed != expected:
        diff = difflib.unified_diff(
            committed.splitlines(), expected.splitlines(), "committed", "served", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:40])
        raise AssertionError(
            f"{GENERATED.relative_to(REPO)} is not what the served OpenAPI document generates: "
            f"run `make api-types`.\n{shown}"
        )
