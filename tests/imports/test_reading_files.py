"""Reading files as a sawmill office writes them: title rows above the header, aliased and
unit-bearing headings, European CSVs (`;`, decimal commas, a BOM), Windows-1252 text, numbers
and dates as text, Excel serial dates, blank rows and columns, centimetres to metres; XLSX, ODS,
CSV, TSV. Row numbers are the spreadsheet's own. No test here touches the database: the reader
cannot write anything."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.imports import sheet_files
from timba.runtime.imports import convert, descriptor_for, map_columns, read_rows, read_table
from timba.runtime.imports.descriptors import Column, Descriptor

# a generic descriptor, so these cases hold whatever resources.yaml declares
BOARD = Descriptor(
    resource="Board",
    label="board",
    key=("code",),
    tenant=None,
    columns=(
        Column(name="code", label="code", kind="string", required=True, aliases=("board no", "board id")),
        Column(name="width", label="width", kind="decimal", required=True, aliases=("w",),
               units=(("m", Decimal(1)), ("cm", Decimal("0.01")), ("mm", Decimal("0.001")))),
        Column(name="pieces", label="pieces", kind="integer"),
        Column(name="cut_on", label="cut on", kind="date"),
        Column(name="dry", label="dry", kind="boolean"),
        Column(name="grade", label="grade", kind="choice", choices=(("a", "Prime"), ("b", "Standard"))),
    ),
)


def rows_of(table, descriptor=BOARD):
    mapping = map_columns(table.header, descriptor).check()
    out = []
    for row in table.rows:
        values, issues = convert(mapping, row, convention=table.number_convention)
        out.append((row[0], values, [str(i) for i in issues]))
    return mapping, out


def test_xlsx_with_title_rows_aliases_units_and_blank_rows(tmp_path):
    path = sheet_files.xlsx(tmp_path / "boards.xlsx", [
        ["Board delivery, March"],
        [],
        ["Board No", "W (cm)", "Pieces", "Cut on", "Dry", "Grade", "Notes"],
        ["B-1", 31.5, 3, date(2025, 3, 4), "yes", "Prime", "first"],
        [],
        ["B-2", "12,5", "1 200", "04/03/2025", "x", "standard"],
        [None, None, None, None, None, None, None, None, None, " "],  # blank, with a far blank column
        [],
    ])
    with read_table(path, descriptor=BOARD) as table:
        assert (table.format, table.header_row) == ("xlsx", 3)
        mapping, rows = rows_of(table)
    assert {c.heading: c.field for c in mapping.columns} == {
        "Board No": "code", "W (cm)": "width", "Pieces": "pieces", "Cut on": "cut_on", "Dry": "dry", "Grade": "grade",
    }
    assert mapping.ignored == ((6, "Notes"),) and mapping.missing == ()
    assert [number for number, _, _ in rows] == [4, 6]
    assert rows[0][1] == {"code": "B-1", "width": Decimal("0.315"), "pieces": 3, "cut_on": date(2025, 3, 4), "dry": True, "grade": "a"}
    assert rows[1][1] == {"code": "B-2", "width": Decimal("0.125"), "pieces": 1200, "cut_on": date(2025, 3, 4), "dry": True, "grade": "b"}
    assert [issues for _, _, issues in rows] == [[], []]


def test_european_csv_with_semicolons_decimal_commas_and_a_bom(tmp_path):
    text = "Lieferung 12;;\r\nBoard No;Width (m);Pieces\r\nB-1;0,315;1.200\r\nB-2;1.234,5;7\r\n;;\r\n"
    path = sheet_files.text_file(tmp_path / "boards.csv", text, bom=True)
    with read_table(path, descriptor=BOARD) as table:
        assert (table.format, table.number_convention, table.header_row) == ("csv", "comma", 2)
        assert table.header[0] == "Board No"  # the BOM is not part of the first heading
        _, rows = rows_of(table)
    assert [(n, v["width"], v["pieces"]) for n, v, _ in rows] == [(3, Decimal("0.315"), 1200), (4, Decimal("1234.5"), 7)]


def test_csv_in_windows_1252(tmp_path):
    text = "Board No,Width\nSchäl-Ø1,\"1,234.5\"\nKüche,2\n"
    path = sheet_files.text_file(tmp_path / "boards.csv", text, encoding="cp1252")
    with read_table(path, descriptor=BOARD) as table:
        assert table.number_convention == "point"
        _, rows = rows_of(table)
    assert [(v["code"], v["width"]) for _, v, _ in rows] == [("Schäl-Ø1", Decimal("1234.5")), ("Küche", Decimal(2))]


@pytest.mark.parametrize(("name", "separator"), [("boards.tsv", "\t"), ("boards.csv", "|"), ("boards.csv", ";"), ("boards.csv", ",")])
def test_separators(tmp_path, name, separator):
    lines = [["Board No", "Width", "Cut on"], ["B 1", "2.5", "2025-03-04"], ['"B; 2, |x"', "3", "4.3.2025"]]
    path = sheet_files.text_file(tmp_path / name, "\n".join(separator.join(cells) for cells in lines) + "\n")
    with read_table(path, descriptor=BOARD) as table:
        _, rows = rows_of(table)
    assert [(v["code"], v["width"], v["cut_on"]) for _, v, _ in rows] == [
        ("B 1", Decimal("2.5"), date(2025, 3, 4)), ("B; 2, |x", Decimal(3), date(2025, 3, 4)),
    ]


def test_utf16_text_as_excel_saves_unicode_text(tmp_path):
    path = tmp_path / "boards.txt"
    path.write_bytes("Board No\tWidth\nÅ-1\t1\n".encode("utf-16"))  # with its BOM
    with read_table(path, descriptor=BOARD) as table:
        _, rows = rows_of(table)
    assert rows[0][1]["code"] == "Å-1"


def test_excel_serial_dates_and_dates_as_text(tmp_path):
    path = sheet_files.xlsx(tmp_path / "boards.xlsx", [
        ["code", "width", "cut on"],
        ["a", 1, 45000],  # a date typed as a number: Excel's serial 45000 is 2023-03-15
        ["b", 1, "45000"],
        ["c", 1, "2025-12-31"],
        ["d", 1, "31.12.2025"],
        ["e", 1, "12/31/2025"],  # day first: no 31st month, an error, never read month first
    ])
    with read_table(path, descriptor=BOARD) as table:
        _, rows = rows_of(table)
    assert [v["cut_on"] for _, v, _ in rows[:4]] == [date(2023, 3, 15), date(2023, 3, 15), date(2025, 12, 31), date(2025, 12, 31)]
    assert rows[4][2] == ["Row 6, column 'cut on': '12/31/2025' is not a date (write it as DD/MM/YYYY or YYYY-MM-DD)."]


def test_month_first_when_configured(tmp_path, settings):
    settings.IMPORT_DATE_ORDER = "MDY"
    path = sheet_files.text_file(tmp_path / "b.csv", "code,width,cut on\na,1,12/31/2025\n")
    with read_table(path, descriptor=BOARD) as table:
        mapping = map_columns(table.header, BOARD)
        values, issues = convert(mapping, next(table.rows), date_order=table.source.limits.date_order)
    assert (values["cut_on"], issues) == (date(2025, 12, 31), [])


def test_ods_with_a_title_row(tmp_path):
    path = sheet_files.ods(tmp_path / "boards.ods", [["Boards"], ["Board ID", "Width [mm]"], ["B-1", 315]])
    with read_table(path, descriptor=BOARD) as table:
        assert (table.format, table.header_row) == ("ods", 2)
        _, rows = rows_of(table)
    assert rows == [(3, {"code": "B-1", "width": Decimal("0.315")}, [])]


def test_formula_cells_give_their_cached_value(tmp_path):
    path = sheet_files.xlsx(
        tmp_path / "boards.xlsx",
        [["code", "width", "pieces"], ["a", "=0.1*3", "=1+2"], ["b", "=0.2", "=2*2"]],
        cached_formulas={"B2": "0.3", "C2": "3"},
    )
    with read_table(path, descriptor=BOARD) as table:
        _, rows = rows_of(table)
    assert rows[0][1] == {"code": "a", "width": Decimal("0.3"), "pieces": 3}
    # a formula saved without its result (never calculated) reads as an empty cell
    assert rows[1][2] == ["Row 3, column 'width': is empty; width is required."]


def test_uploaded_and_unseekable_files(tmp_path):
    data = b"code,width\na,1\n"
    upload = SimpleUploadedFile("boards.csv", data, content_type="text/csv")
    with read_table(upload, upload.name, BOARD) as table:
        assert [r[1] for r in table.rows] == [["a", "1"]]

    class Stream(io.RawIOBase):
        def __init__(self):
            self.inner = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    with read_table(Stream(), "boards.csv", BOARD) as table:
        assert [r[1] for r in table.rows] == [["a", "1"]]


def test_rows_stream_with_spreadsheet_numbers_and_no_descriptor(tmp_path):
    path = sheet_files.text_file(tmp_path / "any.csv", "\n\nh1,h2,,\n1,2,,\n\n3,,,\n")
    with read_rows(path) as rows:
        assert list(rows) == [(3, ["h1", "h2"]), (4, ["1", "2"]), (6, ["3"])]
    with read_table(path) as table:
        assert (table.header_row, table.header, list(table.rows)) == (3, ["h1", "h2"], [(4, ["1", "2"]), (6, ["3"])])


def test_a_registered_resource_reads_its_own_aliases(tmp_path):
    """The generated descriptor of a resource with aliases and units (resources.yaml's own)."""
    from tests.spec_rows import RESOURCES

    res = next((r for r in RESOURCES if r.import_export and r.import_units), None)
    if res is None:
        pytest.skip("no resource declares import units")
    descriptor = descriptor_for(res.name)
    field, units = res.import_units[0]
    column = descriptor.column(field)
    unit, factor = next((u, f) for u, f in units if f != 1)
    heading = f"{column.aliases[0] if column.aliases else column.label} ({unit})"
    header = [heading if c.name == field else c.label for c in descriptor.columns]
    path = sheet_files.xlsx(tmp_path / "x.xlsx", [["Title"], header, [100 if c.name == field else None for c in descriptor.columns]])
    rows = read_rows(path)
    table = read_table(path, descriptor=descriptor)
    mapping = map_columns(table.header, descriptor)
    values, _ = convert(mapping, next(table.rows))
    rows.close()
    table.close()
    assert (table.header_row, mapping.fields[field].factor, values[field]) == (2, factor, (100 * factor).normalize())


@pytest.mark.parametrize(("separator", "convention", "width"), [
    (";", "comma", Decimal("1.25")),  # no certain decimal mark in the file: `;` means decimal commas
    ("\t", "point", Decimal("1250")),
])
def test_number_convention_without_evidence(tmp_path, separator, convention, width):
    path = sheet_files.text_file(tmp_path / "b.csv", f"code{separator}width\na{separator}1,250\nb{separator}2,500\n")
    with read_table(path, descriptor=BOARD) as table:
        assert table.number_convention == convention
        _, rows = rows_of(table)
    assert rows[0][1]["width"] == width


def test_number_convention_by_votes(tmp_path):
    path = sheet_files.text_file(tmp_path / "b.csv", "code;width\na;1.250\nb;0.5\nc;2.75\n")
    with read_table(path, descriptor=BOARD) as table:
        assert table.number_convention == "point"
        _, rows = rows_of(table)
    assert [v["width"] for _, v, _ in rows] == [Decimal("1.25"), Decimal("0.5"), Decimal("2.75")]


def test_xls_with_a_title_row(tmp_path):
    pytest.importorskip("xlwt")
    path = sheet_files.xls(tmp_path / "boards.xls", [["Boards"], [], ["Board No", "Width (cm)", "Pieces"], ["B-1", 31.5, 2], [], ["B-2", "12,5", "3"]])
    with read_table(path, descriptor=BOARD) as table:
        assert (table.format, table.header_row) == ("xls", 3)
        _, rows = rows_of(table)
    assert rows == [
        (4, {"code": "B-1", "width": Decimal("0.315"), "pieces": 2}, []),
        (6, {"code": "B-2", "width": Decimal("0.125"), "pieces": 3}, []),
    ]
