"""Kua's age implementation against the C2SP conformance vectors (npm cctv-age).

Every vector of a supported feature must give its expected result: success with the right payload
hash, or the expected kind of failure (and only the authentic prefix released). Every feature of
the suite is supported: X25519, hybrid post-quantum, scrypt and the ASCII armor.
"""

import hashlib
import io
import zlib
from collections import Counter, defaultdict

from kua.crypto import age
from kua.crypto.age import armor
from kua.crypto.age.scrypt import ScryptIdentity
from kua.crypto.errors import AuthenticationError, MalformedError, NoIdentityMatchError
from kua.crypto.keys import parse_identity
from tests.support.figures import Figures
from tests.support.frontend import cctv_vectors


def _parse_vector(raw: bytes) -> tuple[dict[str, list[str]], bytes]:
    head, _, body = raw.partition(b"\n\n")
    meta: dict[str, list[str]] = defaultdict(list)
    for line in head.decode().split("\n"):
        key, _, value = line.partition(": ")
        meta[key].append(value)
    if meta.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    return meta, body


def _open(meta: dict[str, list[str]], body: bytes) -> tuple[str, bytes]:
    identities = [parse_identity(i) for i in meta.get("identity", [])]
    identities += [ScryptIdentity(p) for p in meta.get("passphrase", [])]
    released = bytearray()
    try:
        for chunk in age.decrypt_chunks(io.BytesIO(body), identities):
            released += chunk
    except NoIdentityMatchError:
        return "no match", bytes(released)
    except AuthenticationError as error:
        return ("HMAC failure" if "header" in str(error) else "payload failure"), bytes(released)
    except MalformedError:
        return ("payload failure" if released else "header failure"), bytes(released)
    return "success", bytes(released)


def test_every_supported_conformance_vector_gives_its_expected_result(figures: Figures) -> None:
    counts: Counter[str] = Counter()
    failures = []
    for name, raw in sorted(cctv_vectors().items()):
        meta, body = _parse_vector(raw)
        try:
            body = armor.decode(body) if meta.get("armored") == ["yes"] else body
        except armor.ArmorError:
            outcome, released = "armor failure", b""
        else:
            outcome, released = _open(meta, body)
        expected = meta["expect"][0]
        payload_ok = "payload" not in meta or hashlib.sha256(released).hexdigest() == meta["payload"][0]
        if outcome == expected and payload_ok:
            counts[f"passed ({expected})"] += 1
        else:
            failures.append(f"{name}: expected {expected}, got {outcome}, payload hash ok: {payload_ok}")
    total_passed = sum(v for k, v in counts.items() if k.startswith("passed"))
    figures.record(f"C2SP age conformance (Python): {total_passed} passed, {len(failures)} failed")
    for key, value in sorted(counts.items()):
        figures.record(f"  {key}: {value}")
    assert not failures, "\n".join(failures)
    assert total_passed >= 143, "the vector set shrank: check the cctv-age package"
