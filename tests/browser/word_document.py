"""A Word document the console downloads, read back with python-docx as a lawyer's Word would open it:
its paragraphs (a line break as "\\n"), its tables' cells, and the languages its text is tagged with."""

from dataclasses import dataclass
from pathlib import Path

import docx
from playwright.sync_api import Locator, Page

DOWNLOAD_TIMEOUT = 30_000


@dataclass(frozen=True)
class WordDocument:
    filename: str
    paragraphs: list[str]
    """The body's paragraphs, outside tables, in order."""
    tables: list[list[list[str]]]
    """Each table's rows, each row's cells as text."""
    languages: set[str]
    """Every `w:lang` value the body's text carries (ru-RU, en-GB...)."""

    @property
    def cells(self) -> list[str]:
        return [cell for table in self.tables for row in table for cell in row]

    @property
    def text(self) -> str:
        """Every paragraph and table cell, one after another."""
        return "\n".join([*self.paragraphs, *self.cells])


def read_word_document(path: Path) -> WordDocument:
    """The .docx at `path` as python-docx reads it."""
    document = docx.Document(str(path))
    return WordDocument(
        filename=path.name,
        paragraphs=[paragraph.text for paragraph in document.paragraphs],
        tables=[[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables],
        languages=set(document.element.body.xpath(".//w:lang/@w:val")),
    )


def download_word_document(page: Page, button: Locator, folder: Path) -> WordDocument:
    """Click `button`, take the file the browser downloads, save it in `folder` and read it."""
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as started:
        button.click()
    download = started.value
    assert download.failure() is None, download.failure()
    path = folder / download.suggested_filename
    download.save_as(path)
    return read_word_document(path)
