"""The limits a file is held to, from settings (`IMPORT_*`, see timba/settings.py), so that a
huge or hostile upload is refused before it costs memory or time."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

DEFAULTS = {
    "max_file_bytes": 50 * 1024 * 1024,  # IMPORT_MAX_FILE_BYTES: larger uploads are a 413
    "max_rows": 1_000_000,  # IMPORT_MAX_ROWS: data rows after the header
    "max_columns": 200,  # IMPORT_MAX_COLUMNS: cells in one row, trailing blanks not counted
    "max_uncompressed_bytes": 500 * 1024 * 1024,  # IMPORT_MAX_UNCOMPRESSED_BYTES: a workbook's zip, unpacked
    "max_compression_ratio": 200,  # IMPORT_MAX_COMPRESSION_RATIO: of one zip member of 1 MB or more
    "header_search_rows": 10,  # IMPORT_HEADER_SEARCH_ROWS: non-blank rows searched for the header
    "date_order": "DMY",  # IMPORT_DATE_ORDER: how 03/04/2025 reads: DMY (3 April) or MDY (4 March)
}


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = DEFAULTS["max_file_bytes"]
    max_rows: int = DEFAULTS["max_rows"]
    max_columns: int = DEFAULTS["max_columns"]
    max_uncompressed_bytes: int = DEFAULTS["max_uncompressed_bytes"]
    max_compression_ratio: int = DEFAULTS["max_compression_ratio"]
    header_search_rows: int = DEFAULTS["header_search_rows"]
    date_order: str = DEFAULTS["date_order"]

    @classmethod
    def from_settings(cls, **overrides) -> Limits:
        values = {key: getattr(settings, f"IMPORT_{key.upper()}", default) for key, default in DEFAULTS.items()}
        return cls(**(values | overrides))
