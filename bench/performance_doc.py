"""Writing benchmark tables into docs/performance.md (or another doc), one marked section per benchmark."""

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "performance.md"


def write_section(name: str, title: str, table: str, doc: Path = DOC) -> None:
    """Replace (or append) the table of one benchmark in docs/performance.md (or `doc`)."""
    marker_start, marker_end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = doc.read_text() if doc.exists() else ""
    block = f"{marker_start}\n{table}\n{marker_end}"
    if marker_start in text:
        before, rest = text.split(marker_start, 1)
        text = before + block + rest.split(marker_end, 1)[1]
    else:
        text += f"\n## {title}\n\n{block}\n"
    doc.write_text(text)
