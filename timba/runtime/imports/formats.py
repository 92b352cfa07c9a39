"""Which format a file is, from its name and its first bytes, which must agree: CSV/TSV text,
XLSX and ODS (zip archives), XLS (an OLE2 compound file). A password-protected XLSX is an OLE2
file too (Office encrypts the whole package into one), so an `.xlsx` that is OLE2 without an
old-style workbook stream is reported as password-protected."""

from __future__ import annotations

import os
from typing import BinaryIO

from timba.runtime.imports.errors import ImportFileError

TEXT_FORMATS = {".csv": "csv", ".tsv": "tsv", ".txt": "csv"}
SHEET_FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 directory entries are UTF-16 names: an encrypted OOXML package holds these streams,
# an old .xls workbook its "Workbook" (or "Book") stream
ENCRYPTED_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
XLS_MARKERS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
OLE2_SCAN_BYTES = 4 * 1024 * 1024
ACCEPTED = ".csv, .tsv, .txt, .xlsx, .xlsm, .xls, .ods"


def extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower()


def file_size(fh: BinaryIO) -> int:
    here = fh.tell()
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    fh.seek(here)
    return size


def detect(fh: BinaryIO, name: str) -> str:
    """The format (`csv`, `tsv`, `xlsx`, `xls`, `ods`) of a seekable binary file, or an
    ImportFileError saying why the file is not one the import reads."""
    ext = extension(name)
    if ext not in TEXT_FORMATS and ext not in SHEET_FORMATS:
        shown = ext or "no extension"
        raise ImportFileError(f"Files of type {shown} cannot be imported. Use one of: {ACCEPTED}.", status=415, code="wrong_extension")
    fh.seek(0)
    head = fh.read(8)
    fh.seek(0)
    if not head:
        raise ImportFileError("The file is empty.", code="empty")
    kind = _content_kind(fh, head)
    fmt = TEXT_FORMATS.get(ext) or SHEET_FORMATS[ext]
    if fmt in {"csv", "tsv"}:
        if kind != "text":
            raise ImportFileError(f"The file is named {ext} but is {_describe(kind)}, not text. Save it as CSV again, or upload it under its own extension.", status=415, code="content_mismatch")
        return fmt
    if kind == "encrypted" and fmt in {"xlsx", "xls"}:
        raise ImportFileError("The workbook is password-protected. Remove the password in Excel (File › Info › Protect Workbook) and upload it again.", code="password_protected")
    expected = {"xlsx": "xlsx", "ods": "zip", "xls": "xls"}[fmt]
    if kind == "zip" and fmt in {"xlsx", "ods"}:
        return fmt
    if kind != expected:
        raise ImportFileError(f"The file is named {ext} but is {_describe(kind)}. Save it again as {ext}, or upload it under its own extension.", status=415, code="content_mismatch")
    return fmt


def _content_kind(fh: BinaryIO, head: bytes) -> str:
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        sample = fh.read(OLE2_SCAN_BYTES)
        fh.seek(0)
        if any(marker in sample for marker in ENCRYPTED_MARKERS):
            return "encrypted"
        return "xls" if any(marker in sample for marker in XLS_MARKERS) else "encrypted"
    sample = fh.read(4096)
    fh.seek(0)
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text (Excel's "Unicode text")
        return "text"
    return "binary" if b"\x00" in sample or sample.startswith(b"%PDF") else "text"


def _describe(kind: str) -> str:
    return {
        "zip": "a zip archive (an XLSX or ODS workbook?)",
        "xls": "an old-style Excel workbook (.xls)",
        "encrypted": "a password-protected or old-style Office file",
        "binary": "not a spreadsheet (binary content)",
        "text": "a text file (CSV?)",
        "xlsx": "an XLSX workbook",
    }[kind]
