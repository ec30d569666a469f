"""Writing the report for a clinician from the Today page: Markdown as it is, or a PDF made from
the same Markdown by Qt's own PDF writer (no other dependency)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QWidget

from lesson_engine.storage import write_atomically


def ask_report_path(parent: QWidget, proposed: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, "Report for a clinician", proposed, "PDF (*.pdf);;Markdown (*.md)"
    )
    return path


def write_report(markdown: str, path: Path) -> None:
    """PDF when the name ends in .pdf, else Markdown; raises OSError when it cannot be written."""
    if path.suffix.lower() != ".pdf":
        write_atomically(path, markdown.encode("utf-8"))
        return
    document = QTextDocument()
    document.setMarkdown(markdown)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle("Running rehabilitation report")
    writer.setCreator("Seesaw")
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
