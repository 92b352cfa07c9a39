"""Reading spreadsheets for import: the generic foundation the import is built on.

    table = read_table(upload, upload.name, descriptor_for(Model))  # ImportFileError when bad
    mapping = map_columns(table.header, descriptor).check()         # one message for the columns
    for row in table.rows:                                           # (row number, cells), streamed
        values, issues = convert(mapping, row, convention=table.number_convention)

- `formats`, `archives`: what a file is (name and first bytes must agree), a workbook's zip
  checked before it is unpacked (zip bombs);
- `csv_reading`, `sheet_reading`, `reading`: the rows, streamed, with the spreadsheet's own
  row numbers, and the header row found below title rows;
- `headers`, `mapping`: headings → fields (names, labels, aliases; case, spaces, punctuation
  and a bracketed unit ignored);
- `values`, `conversion`: cells → field values (decimal commas, dates, serial dates,
  booleans, declared units);
- `descriptors`: what the generated code registers per resource; `limits`: the IMPORT_*
  settings; `errors`: ImportFileError, a clerk's message and the HTTP status.
"""

from timba.runtime.imports.conversion import CellIssue, convert
from timba.runtime.imports.descriptors import Column, Descriptor, descriptor_for, register
from timba.runtime.imports.errors import ImportFileError
from timba.runtime.imports.limits import Limits
from timba.runtime.imports.mapping import MappedColumn, Mapping, map_columns
from timba.runtime.imports.reading import Rows, Table, find_header, read_rows, read_table

__all__ = [
    "CellIssue", "Column", "Descriptor", "ImportFileError", "Limits", "MappedColumn", "Mapping", "Rows", "Table",
    "convert", "descriptor_for", "find_header", "map_columns", "read_rows", "read_table", "register",
]
