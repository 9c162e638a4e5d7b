"""Padmé padding: sizes leak little, and padding comes off exactly."""

import pytest

from kua.crypto.errors import MalformedError
from kua.crypto.padding import MINIMUM, pad, padme, unpad


@pytest.mark.parametrize(("length", "expected"), [(0, 0), (1, 1), (9, 10), (100, 104), (1025, 1088), (5000, 5120)])
def test_padme_rounds_up_to_the_known_lengths(length: int, expected: int) -> None:
    assert padme(length) == expected


def test_padme_overhead_stays_under_twelve_percent() -> None:
    for length in range(MINIMUM, 200_000, 997):
        assert length <= padme(length) <= length * 1.12


@pytest.mark.parametrize("content", [b"", b"\x00", b"\x80", b"report\x00\x00", bytes(5000), b"\x80" * 1024])
def test_padding_comes_off_exactly(content: bytes) -> None:
    padded = pad(content)
    assert len(padded) >= MINIMUM and len(padded) == padme(len(padded))
    assert unpad(padded) == content


def test_every_short_report_has_the_same_padded_size() -> None:
    assert {len(pad(b"x" * n)) for n in range(0, 1000)} == {MINIMUM}


@pytest.mark.parametrize("padded", [b"", bytes(1024), b"report"])
def test_unpadded_input_is_refused(padded: bytes) -> None:
    with pytest.raises(MalformedError):
        unpad(padded)
