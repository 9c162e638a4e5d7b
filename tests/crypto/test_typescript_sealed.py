"""Python opens what the TypeScript crypto module sealed (written by the Vitest suite).

`make test` runs Vitest before pytest; tests/vectors/from-ts/sealed.json is its output.
"""

import base64
import json

from kua.crypto import age
from kua.crypto.keys import parse_identity
from kua.crypto.padding import unpad
from tests.support.ci import require
from tests.support.figures import Figures
from tests.support.frontend import VECTORS

SEALED = VECTORS / "from-ts" / "sealed.json"


def test_python_opens_every_file_the_typescript_module_sealed(figures: Figures) -> None:
    require(SEALED.exists(), f"{SEALED} missing: run the frontend tests first (`make test` does)")
    cases = json.loads(SEALED.read_text())["cases"]
    kinds = {(c["kind"], c["padded"]) for c in cases}
    assert kinds >= {("pq", True), ("pq", False), ("x25519", True), ("x25519", False)}
    for case in cases:
        plaintext = age.decrypt_bytes(base64.b64decode(case["ciphertext_b64"]), [parse_identity(case["identity"])])
        assert (unpad(plaintext) if case["padded"] else plaintext) == base64.b64decode(case["plaintext_b64"]), case[
            "name"
        ]
    figures.record(f"Python opened {len(cases)} files sealed by frontend/src/shared/crypto")
