"""The vectors the TypeScript suite reads (tests/vectors/) still mean what Python says they mean."""

import base64
import json
from datetime import datetime

import pytest

from kua.crypto import age
from kua.crypto.age.scrypt import ScryptIdentity
from kua.crypto.keys import parse_identity
from kua.crypto.padding import padded_length, padme, unpad
from kua.crypto.recipient_list import RecipientListError, verify_recipient_list
from tests.support.frontend import VECTORS

AGE = json.loads((VECTORS / "age.json").read_text())
LISTS = json.loads((VECTORS / "recipient-lists.json").read_text())
PADDING = json.loads((VECTORS / "padding.json").read_text())


@pytest.mark.parametrize("case", AGE["cases"], ids=lambda c: c["name"])
def test_python_opens_every_shared_age_vector(case: dict[str, str]) -> None:
    identity = ScryptIdentity(case["passphrase"]) if case["kind"] == "scrypt" else parse_identity(case["identity"])
    plaintext = age.decrypt_bytes(base64.b64decode(case["ciphertext_b64"]), [identity])
    assert (unpad(plaintext) if case["padded"] else plaintext) == base64.b64decode(case["plaintext_b64"])


@pytest.mark.parametrize("case", LISTS["cases"], ids=lambda c: c["name"])
def test_python_judges_every_shared_recipient_list_as_expected(case: dict[str, str]) -> None:
    def verify() -> list[str]:
        return verify_recipient_list(
            case["signed"].encode(),
            root_public_keys=LISTS["root_public_keys"],
            threshold=LISTS["threshold"],
            min_seq=int(case["min_seq"]),
            now=datetime.fromisoformat(case["now"].replace("Z", "+00:00")),
        ).recipients

    if case["expect"] == "ok":
        assert verify() == case["recipients"]
    else:
        with pytest.raises(RecipientListError) as raised:
            verify()
        assert raised.value.code == case["expect"]


def test_python_agrees_with_the_shared_padding_lengths() -> None:
    assert [[n, padme(n)] for n, _ in PADDING["padme"]] == PADDING["padme"]
    assert [[n, padded_length(n)] for n, _ in PADDING["pad"]] == PADDING["pad"]
