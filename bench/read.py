"""`python bench/read.py`: timba.runtime.imports' reader against openpyxl and the csv module,
in the same run, over a generated sheet of BENCH_ROWS rows (default 100,000) of five columns
(text, an integer, three decimals) as XLSX and as CSV.

Rows: "read" is the rows alone (format detection, limits, header search, blank trimming);
"read + convert" adds the mapping and the conversion of every cell to its field's value. The
peers only read: openpyxl in read-only mode (values_only), csv.reader over the decoded file.
Prints a markdown table of rows/s; figures depend on the machine.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timba.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402

from timba.runtime.imports import Limits, convert, map_columns, read_table  # noqa: E402
from timba.runtime.imports.descriptors import Column, Descriptor  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
METRES = (("m", Decimal(1)), ("cm", Decimal("0.01")))
DESCRIPTOR = Descriptor(
    resource="Piece", label="piece", key=("code",), tenant=None,
    columns=(
        Column(name="code", label="code", kind="string", required=True),
        Column(name="lot", label="lot", kind="integer", required=True),
        *(Column(name=n, label=n, kind="decimal", required=True, units=METRES) for n in ("a", "b", "c")),
    ),
)
HEADER = ["Code", "Lot", "A (m)", "B (cm)", "C"]
LIMITS = Limits(max_rows=10**7, max_file_bytes=10**10, max_uncompressed_bytes=10**11)


def data():
    for i in range(ROWS):
        yield [f"P-{i:07d}", i % 50, 1 + (i % 997) / 1000, 20 + (i % 89) / 10, 0.3]


def write_files(folder: Path) -> tuple[Path, Path]:
    xlsx, text = folder / "rows.xlsx", folder / "rows.csv"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for row in data():
        sheet.append(row)
    book.save(xlsx)
    with open(text, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(data())
    return xlsx, text


def timed(fn) -> float:
    start = time.perf_counter()
    count = fn()
    elapsed = time.perf_counter() - start
    assert count == ROWS, (count, ROWS)
    return ROWS / elapsed


def ours(path: Path, with_convert: bool):
    def run():
        count = 0
        with read_table(path, descriptor=DESCRIPTOR, limits=LIMITS) as table:
            mapping = map_columns(table.header, DESCRIPTOR).check()
            for row in table.rows:
                if with_convert:
                    _, issues = convert(mapping, row, convention=table.number_convention)
                    assert not issues, issues
                count += 1
        return count
    return run


def openpyxl_rows(path: Path):
    def run():
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = book.active.iter_rows(values_only=True)
        next(rows)
        count = sum(1 for _ in rows)
        book.close()
        return count
    return run


def csv_rows(path: Path):
    def run():
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            next(reader)
            return sum(1 for _ in reader)
    return run


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        xlsx, text = write_files(Path(folder))
        results = [
            ("XLSX", "timba read", timed(ours(xlsx, False))),
            ("XLSX", "timba read + convert", timed(ours(xlsx, True))),
            ("XLSX", "openpyxl read-only", timed(openpyxl_rows(xlsx))),
            ("CSV", "timba read", timed(ours(text, False))),
            ("CSV", "timba read + convert", timed(ours(text, True))),
            ("CSV", "csv.reader", timed(csv_rows(text))),
        ]
    print(f"{ROWS:,} rows × {len(HEADER)} columns\n")
    print("| file | reader | rows/s |\n|---|---|---:|")
    for fmt, name, rate in results:
        print(f"| {fmt} | {name} | {rate:,.0f} |")


if __name__ == "__main__":
    main()
