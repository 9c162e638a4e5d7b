"""Benchmark: Kua's age streaming against raw ChaCha20-Poly1305 on the same bytes, in one run.

    .venv/bin/python -m bench.bench_crypto [--mib 64] [--write-docs]

These machines are noisy, so every figure is a ratio to a baseline measured in the same run:
- sealing / opening a file versus sealing the same 64 KiB chunks with ChaCha20-Poly1305 directly
  (the cost of age's framing, header and our Python streaming);
- wrapping a file key for a post-quantum recipient versus an X25519 recipient.
"""

import argparse
import io
import os
import statistics
import time
from collections.abc import Callable

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from bench.performance_doc import write_section
from kua.crypto import age
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_identity, parse_recipient

CHUNK = 64 * 1024


class NullSink(io.RawIOBase):
    """Discards output, so the figures measure crypto rather than buffer growth."""

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        return len(data)


def best_of(runs: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def measure(mib: int) -> list[tuple[str, float, float, str]]:
    plaintext = os.urandom(mib * 2**20)
    identity = generate_identity("pq")
    recipient = parse_recipient(identity_to_recipient(identity))
    x25519 = parse_recipient(identity_to_recipient(generate_identity("x25519")))
    aead, nonce = ChaCha20Poly1305(os.urandom(32)), bytes(12)

    def raw_seal() -> None:
        for offset in range(0, len(plaintext), CHUNK):
            aead.encrypt(nonce, plaintext[offset : offset + CHUNK], None)

    ciphertext = age.encrypt_bytes(plaintext, [recipient])
    raw = best_of(5, raw_seal)
    seal = best_of(5, lambda: age.encrypt(io.BytesIO(plaintext), NullSink(), [recipient]))
    open_ = best_of(5, lambda: age.decrypt(io.BytesIO(ciphertext), NullSink(), [parse_identity(identity)]))
    key = os.urandom(16)
    wrap_x = statistics.median(best_of(1, lambda: x25519.wrap(key)) for _ in range(200))
    wrap_pq = statistics.median(best_of(1, lambda: recipient.wrap(key)) for _ in range(200))
    throughput = f"{mib / seal:.0f} MiB/s"
    return [
        (f"seal {mib} MiB (pq) vs raw ChaCha20-Poly1305", seal, raw, throughput),
        (f"open {mib} MiB (pq) vs raw ChaCha20-Poly1305", open_, raw, f"{mib / open_:.0f} MiB/s"),
        ("wrap file key: mlkem768x25519 vs X25519", wrap_pq, wrap_x, f"{wrap_pq * 1e6:.0f} µs per recipient"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=64)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    rows = measure(args.mib)
    lines = ["| benchmark | ratio to baseline | absolute (this run) |", "|---|---|---|"]
    lines += [f"| {name} | {value / baseline:.2f}x | {note} |" for name, value, baseline, note in rows]
    table = "\n".join(lines)
    print(table)
    if args.write_docs:
        write_section("bench_crypto", "Crypto (`bench/bench_crypto.py`)", table)


if __name__ == "__main__":
    main()
