"""Spreadsheet exports (CSV and XLSX) of the rows a caller may see, streamed in constant memory.

- `columns`: what the generated code declares per resource (`Table`: the model, its `Column`s,
  each with the cell kind of its field type and, for a reference, the target's natural key)
  and how one chunk of rows is read (one query, plus one per many-reference);
- `chunks`: the rows of a queryset in keyset chunks, in the list's order;
- `cells`: one value as a CSV text or an XLSX cell; every text cell that a spreadsheet would
  run as a formula is escaped;
- `csv_writer`, `xlsx_writer`: the files, as iterators of bytes;
- `responses`: the streamed HTTP answer (`StreamingHttpResponse`, an attachment);
- `params`, `http`: the API route `GET /api/v1/<plural>/export` (the list's filters, search and
  order; the spec's `export` permission and the tenant scope);
- `admin`: the admin's Export, for the changelist's filters and search.
"""
