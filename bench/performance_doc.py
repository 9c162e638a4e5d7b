"""Writing benchmark tables into docs/performance.md, one marked section per benchmark."""

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "performance.md"


def write_section(name: str, title: str, table: str) -> None:
    """Replace (or append) the table of one benchmark in docs/performance.md."""
    marker_start, marker_end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = DOC.read_text() if DOC.exists() else ""
    block = f"{marker_start}\n{table}\n{marker_end}"
    if marker_start in text:
        before, rest = text.split(marker_start, 1)
        text = before + block + rest.split(marker_end, 1)[1]
    else:
        text += f"\n## {title}\n\n{block}\n"
    DOC.write_text(text)
