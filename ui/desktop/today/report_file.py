"""The report for a clinician from the Today page: Markdown as it is, or a PDF made from the
same Markdown by Qt's own PDF writer (no other dependency).

The PDF is made in memory on the window's thread (drawing text is Qt's, and quick); the file is
then written like every other durable write, on the journal's writer (``today/saving.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QWidget


def ask_report_path(parent: QWidget, proposed: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, "Report for a clinician", proposed, "PDF (*.pdf);;Markdown (*.md)"
    )
    return path


def report_bytes(markdown: str, *, pdf: bool) -> bytes:
    """The file's bytes: the Markdown itself, or a PDF of it on A4."""
    if not pdf:
        return markdown.encode("utf-8")
    document = QTextDocument()
    document.setMarkdown(markdown)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle("Running rehabilitation report")
    writer.setCreator("Seesaw")
    document.print_(writer)
    del writer  # the PDF is complete once the writer is gone
    return bytes(buffer.data().data())
