"""The second half of a tenant admin's import in a real browser: a messy XLSX (a title row,
aliased headings, a duplicate key, one bad row) previewed with its mapping and errors; the error
file downloaded from the page, fixed (openpyxl, as Excel would) and uploaded again; confirmed
all-or-nothing. Then a 20,000-row file read and imported as jobs, whose progress bar is watched
moving (screenshots mid-way and when done), and the export of the rows, which runs as a job too
(its progress page, then the download). Assertions are on what the pages show and on the rows
stored, never on timings; job thresholds are lowered so that the big file is a job here, and
each job pauses briefly after each batch so that the bar is seen mid-way on any machine.
"""

from __future__ import annotations

import re
import time
from decimal import Decimal

import openpyxl
import pytest
from spec_rows import PROJECT

from tests.browser.test_browser_import_export import (
    TITLE,
    admin_url,
    downloaded_rows,
    mapping_row,
    needs_log,
    rows_of,
    upload,
    write_xlsx,
)

pytestmark = needs_log
BIG = 20_000
WATCH_SECONDS = 90  # how long a job may take before the test gives up on it
PAUSE = 0.1  # seconds each job waits after reporting a batch (the `paced` fixture)


def _count(page, kind: str) -> int:
    return int(page.locator(f"[data-count={kind}]").first.inner_text().split()[-1])


def _download(page, shots, locator):
    with page.expect_download() as info:
        locator.click()
    saved = shots.directory / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def _fix(path, fixes: dict[str, dict[str, object]]):
    """Edit the downloaded error file as a clerk would: per barcode, new cell values by heading;
    the Errors column is left where it is (the import ignores it)."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows())
    header_at = next(i for i, row in enumerate(rows) if any(c.value == "Log No" for c in row))
    columns = {c.value: c.column - 1 for c in rows[header_at] if c.value is not None}
    assert "Errors" in columns, columns
    seen: dict[str, int] = {}
    for row in rows[header_at + 1 :]:
        barcode = row[columns["Log No"]].value
        seen[barcode] = seen.get(barcode, 0) + 1
        for heading, value in fixes.get(f"{barcode}#{seen[barcode]}", {}).items():
            row[columns[heading]].value = value
    fixed = path.with_name("fixed-" + path.name)
    book.save(fixed)
    return fixed


def test_the_error_file_is_fixed_and_uploaded_again_then_imports(admin_login, tenant_admin, builder, page, shots, tmp_path):
    log = PROJECT.resource("Log")
    consignment = builder.create("Consignment", client=tenant_admin.client)
    messy = write_xlsx(
        tmp_path / "delivery.xlsx",
        [
            [TITLE],
            [],
            ["Consignment", "Log No", "L (m)", "B", "H"],
            [consignment.name, "NW-101", 2.5, 0.3, 0.4],  # row 4
            [consignment.name, "NW-102", 1.5, 0.25, 0.4],  # row 5
            [consignment.name, "NW-101", 3.0, 0.3, 0.4],  # row 6: NW-101 twice
            [consignment.name, "NW-103", "long", 0.3, 0.4],  # row 7: not a number
        ],
    )
    admin_login(tenant_admin)
    upload(page, log, messy)
    shots("preview with errors")
    assert "header on row 3" in page.locator("body").inner_text()
    for heading in ("Log No", "L (m)", "B", "H"):
        assert mapping_row(page, heading).count() == 1, f"{heading!r} is not in the mapping"
    errors = page.locator("table[data-errors] tr[data-error-row]")
    by_row = {errors.nth(i).get_attribute("data-error-row"): errors.nth(i).inner_text() for i in range(errors.count())}
    assert {"4", "6", "7"} <= set(by_row), by_row
    assert "row 6" in by_row["4"] and "row 4" in by_row["6"], "a duplicate names both rows"
    assert "long" in by_row["7"]
    assert page.locator("[data-import-all]").is_disabled()

    error_file = _download(page, shots, page.locator("a[data-error-file]"))
    assert error_file.suffix == ".xlsx"
    fixed = _fix(error_file, {"NW-101#2": {"Log No": "NW-104"}, "NW-103#1": {"L (m)": 2.0}})

    upload(page, log, fixed)
    shots("preview of the fixed file")
    assert page.locator("table[data-errors]").count() == 0, page.locator("body").inner_text()[:2000]
    assert _count(page, "errors") == 0 and _count(page, "new") == 4
    assert mapping_row(page, "Errors").count() == 1 and "ignored" in mapping_row(page, "Errors").inner_text()
    assert not rows_of(log, tenant_admin.client).exists(), "a preview writes nothing"
    with page.expect_navigation():
        page.locator("form[data-confirm] button[type=submit]").click()
    page.locator("[data-result]").wait_for()
    shots("imported")
    stored = {row.barcode: row for row in rows_of(log, tenant_admin.client)}
    assert set(stored) == {"NW-101", "NW-102", "NW-103", "NW-104"}
    assert stored["NW-101"].length == Decimal("2.5") and stored["NW-104"].length == Decimal("3")
    assert stored["NW-103"].length == Decimal("2") and stored["NW-103"].consignment_id == consignment.pk


def _big_sheet(path, consignment):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Delivery")
    sheet.append([TITLE])
    sheet.append(["Consignment", "Log No", "L (m)", "B", "H"])
    for n in range(BIG):
        sheet.append([consignment.name, f"BIG-{n:05d}", 2 + (n % 7) / 10, 0.3, 0.4])
    book.save(path)
    return path


def _bar(page) -> dict | None:
    """The progress bar's width (percent of its track) and text, None when the page shows none."""
    return page.evaluate(
        """() => {
            const section = document.querySelector('[data-import-progress]');
            if (!section) return null;
            const bar = section.querySelector('[data-progress-bar]');
            const track = bar.parentElement.getBoundingClientRect().width;
            return {width: track ? bar.getBoundingClientRect().width * 100 / track : 0,
                    text: section.querySelector('[data-progress-text]').textContent};
        }"""
    )


def _watch(page, shots, label: str, done_selector: str) -> list[dict]:
    """Watch a job's progress page until `done_selector` shows: the bar's states seen (the
    first one mid-way gets a screenshot), then a screenshot of the finished page."""
    seen, shot = [], False
    deadline = time.monotonic() + WATCH_SECONDS
    while time.monotonic() < deadline:
        if page.locator(done_selector).count():
            break
        failed = page.locator("[data-run-failed]")
        if failed.count():
            pytest.fail(f"the {label} job failed: {failed.inner_text()}")
        try:
            state = _bar(page)
        except Exception:  # noqa: BLE001 - the page reloads itself when the job ends
            state = None
        if state is not None:
            match = re.match(r"(\d+) of (\d+|\?) rows done", state["text"])
            done, total = (int(match[1]), None if match[2] == "?" else int(match[2])) if match else (0, None)
            state |= {"done": done, "total": total}
            seen.append(state)
            if not shot and 0 < done < (total or BIG) and (total is None or 0 < state["width"] < 100):
                shots(f"{label} mid-progress", full_page=False)
                shot = True
        page.wait_for_timeout(200)
    page.locator(done_selector).wait_for(timeout=5_000)
    shots(f"{label} done")
    return seen


def _moved(seen: list[dict]) -> bool:
    """The bar was seen between empty and full, and its count never went back."""
    middle = [s for s in seen if s["total"] and 0 < s["done"] < s["total"] and 0 < s["width"] < 100]
    dones = [s["done"] for s in seen]
    return bool(middle) and dones == sorted(dones)


@pytest.fixture
def paced(monkeypatch):
    """Each job pauses a moment after reporting a batch, so that the page's poll (every second)
    sees the bar between empty and full however fast the engine gets: the test is of the
    progress shown, not of the speed."""
    from timba.runtime.exports import chunks as export_chunks
    from timba.runtime.exports import jobs as export_jobs
    from timba.runtime.imports import jobs as import_jobs

    report, export_report = import_jobs._Reporter.__call__, export_jobs._report

    def import_batch(self, done, total, errors):
        report(self, done, total, errors)
        time.sleep(PAUSE)

    def export_chunk(run, done, total):
        export_report(run, done, total)
        time.sleep(PAUSE)

    monkeypatch.setattr(import_jobs._Reporter, "__call__", import_batch)
    monkeypatch.setattr(export_jobs, "_report", export_chunk)
    monkeypatch.setattr(export_chunks, "CHUNK_SIZE", 1_000)


def test_a_20000_row_file_imports_as_jobs_with_a_moving_progress_bar_then_exports(
    admin_login, tenant_admin, builder, page, shots, tmp_path, settings, paced
):
    settings.IMPORT_JOB_THRESHOLD_BYTES = 10_000  # the big file is staged by a job
    settings.IMPORT_JOB_THRESHOLD_ROWS = 1_000  # and confirmed by one
    settings.IMPORT_CHUNK_ROWS = 500  # progress after every 500 rows
    settings.EXPORT_JOB_THRESHOLD_ROWS = 1_000
    settings.CELERY_BROKER_URL = ""  # jobs on this process's background threads
    settings.MEDIA_ROOT = str(tmp_path / "media")
    log = PROJECT.resource("Log")
    consignment = builder.create("Consignment", client=tenant_admin.client)
    big = _big_sheet(tmp_path / "big-delivery.xlsx", consignment)

    admin_login(tenant_admin)
    upload(page, log, big)
    reading = _watch(page, shots, "reading", "form[data-confirm]")
    assert _count(page, "new") == BIG and _count(page, "errors") == 0
    with page.expect_navigation():
        page.locator("form[data-confirm] button[type=submit]").click()
    importing = _watch(page, shots, "importing", "[data-result]")
    assert page.locator("[data-result] [data-count=new]").inner_text().endswith(str(BIG))
    assert rows_of(log, tenant_admin.client).count() == BIG
    assert _moved(reading), reading  # the total is known while the file is read (its last used row)
    assert _moved(importing), importing

    page.goto(admin_url(log))
    with page.expect_navigation():
        page.locator(f'a[href^="{admin_url(log, "export/")}"]').first.click()
    page.locator("select[name=format]").select_option(label="csv")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()
    assert re.search(r"/export/\d+/$", page.url), page.url
    exporting = _watch(page, shots, "exporting", "[data-export-done]")
    assert _moved(exporting), exporting
    assert page.locator("[data-export-done]").inner_text().startswith(f"The file is ready: {BIG} rows")
    saved = _download(page, shots, page.locator("a[data-export-download]"))
    rows = downloaded_rows(saved, "csv")
    assert len(rows) == BIG
    assert {r["barcode"] for r in rows} == {f"BIG-{n:05d}" for n in range(BIG)}
