"""Every bad file is one ImportFileError with a message for a clerk (no traceback, no server
path, no exception class name) and the status the caller answers with; the reader never touches
the database (these tests have no database access: any query would fail them), so nothing is
written."""

from __future__ import annotations

import zipfile

import pytest

from tests.imports import sheet_files
from tests.imports.test_reading_files import BOARD
from timba.runtime.imports import ImportFileError, Limits, read_rows, read_table

GOOD_ROWS = [["code", "width"], ["a", 1]]


def refused(path, *, limits=None, descriptor=BOARD, name=None) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        with read_table(path, name, descriptor, limits=limits) as table:
            list(table.rows)
    error = caught.value
    for leak in ("Traceback", str(path.parent), "Error:", "python_calamine", "zipfile"):
        assert leak not in error.message, error.message
    assert error.message.endswith(".") and error.message[0].isupper()
    return error


def test_empty_file(tmp_path):
    for name in ("empty.csv", "empty.xlsx"):
        (tmp_path / name).write_bytes(b"")
        error = refused(tmp_path / name)
        assert (error.code, error.message) == ("empty", "The file is empty.")


def test_blank_csv(tmp_path):
    error = refused(sheet_files.text_file(tmp_path / "blank.csv", "\n ; ;\n\n"))
    assert error.code == "empty" and "empty or blank" in error.message


def test_blank_sheet(tmp_path):
    error = refused(sheet_files.xlsx(tmp_path / "blank.xlsx", [[], [None, " "]]))
    assert error.code == "empty"


def test_wrong_extension(tmp_path):
    path = tmp_path / "boards.pdf"
    path.write_bytes(b"%PDF-1.4 ...")
    error = refused(path)
    assert (error.status, error.code) == (415, "wrong_extension")
    assert ".pdf" in error.message and ".xlsx" in error.message


@pytest.mark.parametrize(("name", "maker", "says"), [
    ("boards.csv", lambda p: sheet_files.xlsx(p, GOOD_ROWS), "zip archive"),
    ("boards.xlsx", lambda p: sheet_files.text_file(p, "code,width\na,1\n"), "text file"),
    ("boards.xls", lambda p: sheet_files.xlsx(p, GOOD_ROWS), "zip archive"),
    ("boards.ods", lambda p: sheet_files.text_file(p, "code,width\n"), "text file"),
    ("boards.xlsx", lambda p: sheet_files.ole2(p, "Workbook"), "old-style Excel workbook (.xls)"),
    ("boards.csv", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
])
def test_content_not_matching_the_extension(tmp_path, name, maker, says):
    path = tmp_path / name
    maker(path)
    error = refused(path)
    assert (error.status, error.code) == (415, "content_mismatch") and says in error.message


def test_zip_that_is_no_workbook(tmp_path):
    path = tmp_path / "boards.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    error = refused(path)
    assert error.code == "content_mismatch" and "not an XLSX workbook" in error.message


@pytest.mark.parametrize("streams", [("EncryptionInfo", "EncryptedPackage"), ()])
def test_password_protected_xlsx(tmp_path, streams):
    error = refused(sheet_files.ole2(tmp_path / "locked.xlsx", *streams))
    assert error.code == "password_protected" and "password-protected" in error.message


def test_corrupt_xlsx_truncated(tmp_path):
    good = sheet_files.xlsx(tmp_path / "good.xlsx", GOOD_ROWS * 200).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    error = refused(path)
    assert error.code == "corrupt" and "damaged" in error.message


def test_corrupt_xlsx_with_broken_parts(tmp_path):
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("xl/workbook.xml", "not xml at all <<<")
    assert refused(path).code == "corrupt"


def test_corrupt_xls(tmp_path):
    assert refused(sheet_files.ole2(tmp_path / "old.xls", "Workbook")).code == "corrupt"


def test_zip_bomb_by_ratio(tmp_path):
    path = sheet_files.zip_bomb(tmp_path / "bomb.xlsx", 64 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024
    error = refused(path)
    assert (error.status, error.code) == (413, "too_large_unpacked") and "times its packed size" in error.message


def test_zip_bomb_by_total_size(tmp_path):
    path = sheet_files.zip_bomb(tmp_path / "bomb.xlsx", 3 * 1024 * 1024)
    error = refused(path, limits=Limits(max_uncompressed_bytes=2 * 1024 * 1024, max_compression_ratio=10**9))
    assert error.code == "too_large_unpacked" and "over the limit of 2 MB" in error.message


def test_a_real_workbook_passes_the_archive_checks(tmp_path):
    path = sheet_files.xlsx(tmp_path / "many.xlsx", [["code", "width"]] + [[f"b{i}", i] for i in range(20000)])
    with read_table(path, descriptor=BOARD) as table:
        assert sum(1 for _ in table.rows) == 20000


def test_file_over_the_size_limit_is_413(tmp_path, settings):
    settings.IMPORT_MAX_FILE_BYTES = 100
    path = sheet_files.text_file(tmp_path / "big.csv", "code,width\n" + "a,1\n" * 50)
    error = refused(path)
    assert (error.status, error.code) == (413, "too_large") and "over the limit" in error.message


def test_over_the_row_limit(tmp_path):
    path = sheet_files.text_file(tmp_path / "rows.csv", "code,width\n" + "".join(f"b{i},1\n" for i in range(6)))
    limits = Limits(max_rows=5)
    error = refused(path, limits=limits)
    assert error.code == "too_many_rows" and "more than 5 rows" in error.message
    with read_table(path, descriptor=BOARD, limits=Limits(max_rows=6)) as table:
        assert len(list(table.rows)) == 6


def test_no_header_row(tmp_path):
    rows = [["Delivery note"], ["Date", "Driver"], ["x", "y"]] + [["n", "m"]] * 20
    error = refused(sheet_files.xlsx(tmp_path / "noheader.xlsx", rows))
    assert error.code == "no_header"
    assert "No header row found in the first 10 rows" in error.message and "code" in error.message


def test_thousands_of_columns(tmp_path):
    path = sheet_files.text_file(tmp_path / "wide.csv", "code,width," + ",".join(f"c{i}" for i in range(3000)) + "\n")
    error = refused(path)
    assert error.code == "too_many_columns" and "3002 columns" in error.message and "200" in error.message


def test_trailing_blank_columns_do_not_count(tmp_path):
    path = sheet_files.text_file(tmp_path / "wide.csv", "code,width" + "," * 3000 + "\na,1" + "," * 3000 + "\n")
    with read_table(path, descriptor=BOARD) as table:
        assert (table.header, list(table.rows)) == (["code", "width"], [(2, ["a", "1"])])


def test_invalid_utf8_after_the_sample(tmp_path):
    body = "code,width\n" + "".join(f"b{i},1\n" for i in range(10000))
    path = tmp_path / "mixed.csv"
    path.write_bytes(body.encode() + b"caf\xe9,1\n")
    error = refused(path)
    assert error.code == "encoding" and "Row 10002" in error.message


@pytest.mark.parametrize("byte", [b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"])
def test_bytes_that_are_neither_utf8_nor_cp1252(byte, tmp_path):
    """Not UTF-8, so read as Windows-1252, which has no character for these bytes: the row is
    named, never a crash (found by the random contract test: a 500 on the import upload)."""
    path = tmp_path / "odd.csv"
    path.write_bytes(b"code,width\nab" + byte + b"c,1\n")
    error = refused(path)
    assert error.code == "encoding" and "Row 2" in error.message


def test_nul_bytes_are_no_text(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"code,width\na\x00,1\n")
    assert refused(path).code == "content_mismatch"


def test_unknown_sheet(tmp_path):
    path = sheet_files.xlsx(tmp_path / "b.xlsx", GOOD_ROWS)
    with pytest.raises(ImportFileError) as caught:
        read_rows(path, sheet="Logs 2024")
    assert "no sheet named 'Logs 2024'" in caught.value.message and "Sheet" in caught.value.message


def test_thousands_of_columns_in_a_sheet(tmp_path):
    path = sheet_files.xlsx(tmp_path / "wide.xlsx", [["code", "width"], ["a", 1], [None] * 4999 + [" "]])
    error = refused(path)
    assert error.code == "too_many_columns" and "5000 columns" in error.message
    with read_table(path, descriptor=BOARD, limits=Limits(max_columns=5000)) as table:
        assert list(table.rows) == [(2, ["a", 1.0])]  # the far blank cell is dropped
