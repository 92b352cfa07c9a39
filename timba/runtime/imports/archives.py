"""Checks on a workbook's zip archive before any of it is unpacked: it opens as a zip, holds
the parts its format needs, and its declared uncompressed sizes stay within the limits (a zip
bomb declares a few kilobytes that unpack to gigabytes). The sizes are the archive's own
central-directory entries, read without decompressing anything."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from timba.runtime.imports.errors import ImportFileError
from timba.runtime.imports.limits import Limits

REQUIRED_PARTS = {"xlsx": "xl/workbook.xml", "ods": "content.xml"}
RATIO_FLOOR = 1024 * 1024  # members smaller than this unpacked are not held to the ratio


def check_archive(fh: BinaryIO, fmt: str, limits: Limits) -> None:
    fh.seek(0)
    try:
        with zipfile.ZipFile(fh) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFileError(
            "The workbook is damaged and cannot be opened (it may be incomplete). Open it in your "
            "spreadsheet program, save it again and upload the new copy.",
            code="corrupt",
        ) from None
    finally:
        fh.seek(0)
    names = {m.filename for m in members}
    if REQUIRED_PARTS[fmt] not in names:
        raise ImportFileError(
            f"The file is a zip archive but not an {fmt.upper()} workbook. Save it from your spreadsheet program as .{fmt}.",
            status=415,
            code="content_mismatch",
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_FLOOR and ratio > limits.max_compression_ratio:
            raise _too_big(f"one of its parts unpacks to {ratio:.0f} times its packed size")
    if total > limits.max_uncompressed_bytes:
        raise _too_big(f"it unpacks to {total // (1024 * 1024)} MB, over the limit of {limits.max_uncompressed_bytes // (1024 * 1024)} MB")


def _too_big(why: str) -> ImportFileError:
    return ImportFileError(
        f"The workbook cannot be read safely: {why}. Split it into smaller files, or save it as CSV.",
        status=413,
        code="too_large_unpacked",
    )
