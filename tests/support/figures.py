"""Figures the tests measure (conformance counts, interop results...), printed at the end of pytest.

A plain print() is swallowed by pytest's capture; these lines always reach the terminal and CI's log.
"""

LINES: list[str] = []


class Figures:
    """What a test hands over to be printed in the closing summary."""

    def record(self, line: str) -> None:
        LINES.append(line)
