"""CSV and TSV: the encoding and dialect decided once per file from a sample of its start,
then the records read as a stream.

- Encoding: a BOM decides (UTF-8, UTF-16 LE/BE; the BOM itself is dropped). Without one, UTF-8
  when the first 64 KB decode as UTF-8, else Windows-1252 (what Excel writes on Windows in
  western locales). A UTF-8 file with a stray invalid byte further on is refused, naming the row.
- Separator: `,` `;` tab or `|`, whichever splits the sample's lines into the same number (more
  than one) of cells most consistently, csv.Sniffer's choice breaking ties; a `.tsv` prefers tab.
  Quoting (`"` or `'`) as csv.Sniffer finds it, `"` when it cannot tell.
- Number convention (how "1,250" and "1.250" read, timba.runtime.imports.values): `point` for a
  `,`-separated file; otherwise the sample's numbers whose decimal mark is certain vote ("0,315",
  "1.234,5" for `comma`; "0.315", "1,234.5" for `point`), and without a majority a `;`-separated
  file is `comma` (the separator of locales whose decimal mark is the comma), any other `point`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from timba.runtime.imports.errors import ImportFileError

SAMPLE_BYTES = 64 * 1024
SEPARATORS = (",", ";", "\t", "|")
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)*$")
AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")  # as in timba.runtime.imports.values
FIELD_LIMIT = 1024 * 1024
UNDECODED = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True)
class TextFormat:
    encoding: str
    separator: str
    quotechar: str
    number_convention: str  # "comma" or "point"


def sniff(fh: BinaryIO, fmt: str) -> TextFormat:
    fh.seek(0)
    raw = fh.read(SAMPLE_BYTES)
    fh.seek(0)
    encoding = _encoding(raw)
    # bytes no encoding here maps (0x81, 0x8D, 0x8F, 0x90, 0x9D in cp1252) become lone surrogates,
    # as in csv_rows, whose check names the row that holds them
    decoder = codecs.getincrementaldecoder(encoding)(errors="surrogateescape")
    text = decoder.decode(raw, final=False)
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if len(raw) == SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the sample may end inside a line
    if not lines:
        raise ImportFileError("The file holds no rows: it is empty or blank.", code="empty")
    sample = "\n".join(lines)
    separator = _separator(lines, sample, prefer="\t" if fmt == "tsv" else None)
    quotechar = '"'
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(SEPARATORS))
        if sniffed.quotechar in {'"', "'"} and sniffed.delimiter == separator:
            quotechar = sniffed.quotechar
    except csv.Error:
        pass
    return TextFormat(encoding, separator, quotechar, _convention(lines, separator, quotechar))


def _encoding(raw: bytes) -> str:
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(raw, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _separator(lines: list[str], sample: str, prefer: str | None) -> str:
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(SEPARATORS)).delimiter
    except csv.Error:
        sniffed = None

    def score(sep: str) -> tuple:
        counts = [len(row) for row in csv.reader(lines, delimiter=sep)]
        common = max(set(counts), key=lambda n: (counts.count(n), n))
        if common < 2:
            return (0, 0, 0, 0)
        return (counts.count(common) / len(counts), common, sep == prefer, sep == sniffed)

    best = max(SEPARATORS, key=score)
    return best if score(best)[1] else (prefer or sniffed or ",")


def _convention(lines: list[str], separator: str, quotechar: str) -> str:
    """Votes of the sample's numbers whose decimal mark is certain: "0,315" and "1.234,5" vote
    comma, "0.315" and "1,234.5" point; "1.234" and "1,234" (a thousands group?) do not vote."""
    if separator == ",":
        return "point"
    votes = {",": 0, ".": 0}
    for row in csv.reader(lines, delimiter=separator, quotechar=quotechar):
        for cell in row:
            cell = cell.strip()
            if not NUMBER.match(cell) or AMBIGUOUS.match(cell):
                continue
            marks = [c for c in cell if c in ".,"]
            if marks and (len(marks) == 1 or marks[-1] != marks[0]):
                votes[marks[-1]] += 1
    if votes[","] == votes["."]:  # no evidence: `;` is the separator where the comma is the decimal mark
        return "comma" if separator == ";" else "point"
    return "comma" if votes[","] > votes["."] else "point"


def csv_rows(fh: BinaryIO, text: TextFormat) -> Iterator[tuple[int, list]]:
    """(record number, cells): the number is the record's, 1 for the first, as a spreadsheet
    program numbers the rows of the CSV it opens."""
    fh.seek(0)
    # undecodable bytes become lone surrogates, so the row that holds one can be named
    stream = io.TextIOWrapper(fh, encoding=text.encoding, newline="", errors="surrogateescape")
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(stream, delimiter=text.separator, quotechar=text.quotechar, doublequote=True)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            if UNDECODED.search("".join(row)):
                shown = "UTF-8" if text.encoding.startswith("utf-8") else text.encoding.upper()
                raise ImportFileError(
                    f"Row {number} holds characters that are not {shown} text. Save the file again as CSV UTF-8 and upload it again.",
                    code="encoding",
                )
            yield number, row
    except csv.Error as exc:
        raise ImportFileError(f"Row {number + 1} cannot be read as CSV ({_reason(exc)}). Save the file again as CSV and upload it again.", code="malformed") from None
    finally:
        if not fh.closed:
            stream.detach()  # leave the caller's file open


def _reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger" in text:
        return "a cell is longer than 1 MB"
    if "NUL" in text:
        return "it contains binary NUL characters"
    return text
