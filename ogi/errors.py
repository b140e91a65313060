"""The exceptions ogi raises, one tree, every message in Chinese and naming what and where.

    OgiError                 anything ogi cannot continue with
      ParseError             a file could not be read or understood
        UnsupportedFormat    not a kind of file ogi reads (or a disguised / dangerous one)
        EmptyDocument        nothing to read: empty file, scanned PDF without a text layer
        SectionNotFound      a required section or table of the report is missing
        ReaderFault          a reader failed in a way ogi did not foresee: a defect of ogi
      SpecError              a report document (JSON) does not follow the contract
      UsageError             the command line or an argument was used wrongly

Third-party errors (lxml, python-docx, pdfplumber, openpyxl, zipfile…) are caught at the reader
boundary and re-raised as one of these with ``raise … from exc``, naming what is wrong; what still
escapes a reader reaches the last guard of ``ogi.parse`` and becomes a :class:`ReaderFault` (the fuzz
test of the readers fails on it). Findings of the checker are values
(:class:`ogi.rules.Finding`), never exceptions.
"""

from __future__ import annotations


class OgiError(Exception):
    """Base class. ``str(err)`` is one line in Chinese, naming the file or field and what is wrong."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}：{message}" if where else message)


class ParseError(OgiError):
    """A file could not be read or understood as an annual report."""


class UnsupportedFormat(ParseError):
    """The file is not of a kind ogi reads, or is disguised (a zip bomb named .docx…)."""


class EmptyDocument(ParseError):
    """The file holds no readable text (empty, or a scanned PDF without a text layer)."""


class SectionNotFound(ParseError):
    """A section, table or row the report must have is missing."""


class ReaderFault(ParseError):
    """A reader failed with an exception ogi does not translate: a defect of ogi, not a verdict on the file."""


class SpecError(OgiError):
    """A report document does not follow the contract (``report-model.md``)."""


class UsageError(OgiError):
    """The command line or an argument was used wrongly."""
