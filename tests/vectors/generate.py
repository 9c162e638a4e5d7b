"""Write the shared vectors that the TypeScript tests read (tests/vectors/*.json).

    .venv/bin/python -m tests.vectors.generate

The files are committed: the Vitest suite reads them, and tests/crypto/test_shared_vectors.py checks
that Python still agrees with every case. Encryption is randomised, so regenerating changes the
bytes but not the meaning. The keys in them are test keys that protect nothing.
"""

import base64
import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kua.crypto import age
from kua.crypto.age.scrypt import ScryptRecipient
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_recipient
from kua.crypto.padding import pad, padded_length, padme
from kua.crypto.recipient_list import envelope_for_payload, key_id, sign_recipient_list
from kua.crypto.rootkeys import RootKey

HERE = Path(__file__).parent
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
REPORT = json.dumps(
    {
        "kinds": ["detention", "interrogation"],
        "village": "Булар Батыр",
        "note": "Ночной допрос, 14 часов, без адвоката",
    },
    ensure_ascii=False,
).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _age_case(name: str, kind: str, plaintext: bytes, padded: bool, **key: str) -> dict[str, Any]:
    if kind == "scrypt":
        recipients: list[Any] = [ScryptRecipient(key["passphrase"], work_factor=10)]
    else:
        recipients = [parse_recipient(identity_to_recipient(key["identity"]))]
        recipients += [parse_recipient(r) for r in key.get("extra_recipients", "").split()]
    ciphertext = age.encrypt_bytes(pad(plaintext) if padded else plaintext, recipients)
    case = {
        "name": name,
        "kind": kind,
        "padded": padded,
        "plaintext_sha256": hashlib.sha256(plaintext).hexdigest(),
        "plaintext_b64": _b64(plaintext),
        "ciphertext_b64": _b64(ciphertext),
    }
    case.update({k: v for k, v in key.items() if k != "extra_recipients"})
    return case


def age_vectors() -> dict[str, Any]:
    pq, x25519 = generate_identity("pq"), generate_identity("x25519")
    other_pq = identity_to_recipient(generate_identity("pq"))
    cases = [
        _age_case("pq-report-padded", "pq", REPORT, True, identity=pq),
        _age_case("pq-empty", "pq", b"", False, identity=pq),
        _age_case("pq-one-full-chunk", "pq", bytes(range(256)) * 256, False, identity=pq),
        _age_case("pq-two-chunks", "pq", bytes(range(256)) * 256 + b"!", False, identity=pq),
        _age_case("pq-two-recipients", "pq", REPORT, True, identity=pq, extra_recipients=other_pq),
        _age_case("x25519-report-padded", "x25519", REPORT, True, identity=x25519),
        _age_case("x25519-small", "x25519", b"Sortobe", False, identity=x25519),
        _age_case("scrypt-identity-file", "scrypt", f"# test\n{pq}\n".encode(), False, passphrase="correct horse"),
    ]
    return {"cases": cases}


def _list_payload(recipients: list[str], seq: int = 5, **overrides: Any) -> bytes:
    document = {
        "format": "kua.recipient-list",
        "version": 1,
        "seq": seq,
        "issued_at": "2026-11-20T00:00:00Z",
        "not_before": "2026-11-20T00:00:00Z",
        "not_after": "2027-05-20T00:00:00Z",
        "recipients": [
            {"key_id": key_id(r), "name": f"Reviewer {i + 1}", "recipient": r} for i, r in enumerate(recipients)
        ],
    }
    document.update(overrides)
    return json.dumps(document, ensure_ascii=False).encode()


def recipient_list_vectors() -> dict[str, Any]:
    roots = [RootKey.generate() for _ in range(3)]
    outsider = RootKey.generate()
    pq = [identity_to_recipient(generate_identity("pq")) for _ in range(2)]
    classic = identity_to_recipient(generate_identity("x25519"))
    good = _list_payload(pq)
    signed_good = sign_recipient_list(
        [("Reviewer 1", pq[0]), ("Reviewer 2", pq[1])],
        seq=5,
        not_before=NOW - timedelta(days=5),
        not_after=NOW + timedelta(days=175),
        root_keys=roots[:2],
        issued_at=NOW - timedelta(days=5),
    )
    forged = json.loads(envelope_for_payload(good, roots[:2]))
    forged["signatures"][1]["signature"] = json.loads(envelope_for_payload(_list_payload(pq, seq=6), roots[1:2]))[
        "signatures"
    ][0]["signature"]

    def case(name: str, signed: bytes | str, expect: str, *, min_seq: int = 0, now: datetime = NOW) -> dict[str, Any]:
        text = signed if isinstance(signed, str) else signed.decode()
        entry = {
            "name": name,
            "signed": text,
            "min_seq": min_seq,
            "now": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "expect": expect,
        }
        if expect == "ok":
            entry["recipients"] = pq
        return entry

    cases = [
        case("two-of-three", signed_good, "ok"),
        case("three-of-three", envelope_for_payload(good, roots), "ok"),
        case("same-seq-again", envelope_for_payload(good, roots[1:]), "ok", min_seq=5),
        case("unknown-signer", envelope_for_payload(good, [roots[0], outsider]), "unknown_signer"),
        case("signature-over-other-list", json.dumps(forged), "bad_signature"),
        case("one-signature", envelope_for_payload(good, roots[:1]), "too_few_signatures"),
        case("same-signer-twice", envelope_for_payload(good, [roots[0], roots[0]]), "too_few_signatures"),
        case("rollback", envelope_for_payload(good, roots[:2]), "rollback", min_seq=6),
        case(
            "not-yet-valid",
            envelope_for_payload(good, roots[:2]),
            "not_yet_valid",
            now=datetime(2026, 11, 19, tzinfo=UTC),
        ),
        case("expired", envelope_for_payload(good, roots[:2]), "expired", now=datetime(2027, 5, 20, tzinfo=UTC)),
        case("mixed-recipient-types", envelope_for_payload(_list_payload([pq[0], classic]), roots[:2]), "malformed"),
        case(
            "wrong-key-id",
            envelope_for_payload(_list_payload(pq).replace(key_id(pq[0]).encode(), b"0000000000000000"), roots[:2]),
            "malformed",
        ),
        case("no-recipients", envelope_for_payload(_list_payload([]), roots[:2]), "malformed"),
        case("payload-not-json", envelope_for_payload(b"not json", roots[:2]), "malformed"),
        case("envelope-not-json", "{", "malformed"),
        case("seq-not-integer", envelope_for_payload(_list_payload(pq, seq="5"), roots[:2]), "malformed"),  # type: ignore[arg-type]
    ]
    return {"root_public_keys": [k.public_text for k in roots], "threshold": 2, "cases": cases}


def padding_vectors() -> dict[str, Any]:
    lengths = [0, 1, 2, 3, 9, 100, 1023, 1024, 1025, 5000, 65537, 10**6, 10 * 2**20, 2**31 + 12345, 2**40 + 1]
    return {
        "padme": [[n, padme(n)] for n in lengths],
        "pad": [[n, padded_length(n)] for n in [0, 1, 1022, 1023, 1024, 4000, 65536, 10 * 2**20]],
    }


def main() -> None:
    for name, vectors in [
        ("age", age_vectors()),
        ("recipient-lists", recipient_list_vectors()),
        ("padding", padding_vectors()),
    ]:
        path = HERE / f"{name}.json"
        path.write_text(json.dumps(vectors, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()
