"""Browser tests: Playwright's sync API driving Debian's Chromium (/usr/bin/chromium, installed by
`make install-browser`; `playwright install` is never used) against pytest-django's
`live_server`, with screenshots saved under var/artifacts/browser/<test>/.

Every test here skips, with the reason, when the playwright package or /usr/bin/chromium is
missing. One browser serves the whole package; each test gets a fresh context (no cookies carried
over) and a page whose actions and navigations give up after PAGE_TIMEOUT_MS.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from spec_rows import PASSWORD, PROJECT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_TIMEOUT_MS = 15_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "browser"
LOGIN_URL = "/admin/login/"


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing: `make install-browser` installs Debian's chromium"
    return None


@pytest.fixture(scope="package", autouse=True)
def _browser_available():
    """Skips the package before the live server starts when there is nothing to drive."""
    reason = _missing()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the package. Playwright's sync API keeps an asyncio event loop running on
    the main thread, where the tests also use the ORM, which Django then refuses
    (SynchronousOnlyOperation): DJANGO_ALLOW_ASYNC_UNSAFE=true, the documented workaround for
    Playwright with pytest-django, is set while the browser runs and removed after it (set for
    the whole session it would reach subprocesses: `check --deploy` refuses it, async.E001)."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as env:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=30_000
            )
            try:
                yield chromium
            finally:
                chromium.close()
        finally:
            playwright.stop()  # the event loop ends with it: the rest of the suite runs without one


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _test_dir_name(node_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", node_name).strip("-")


class Shots:
    """`shots("label")` saves the page as var/artifacts/browser/<test>/NN-label.png."""

    def __init__(self, page, directory: Path):
        self.page, self.directory, self.count = page, directory, 0
        self.saved: list[Path] = []

    def __call__(self, label: str, *, full_page: bool = True) -> Path:
        self.count += 1
        path = self.directory / f"{self.count:02d}-{_test_dir_name(label)}.png"
        self.directory.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=full_page)
        self.saved.append(path)
        return path


@pytest.fixture
def artifacts_dir(request) -> Path:
    """This test's artifact folder, emptied first so that it only holds this run's files."""
    directory = ARTIFACTS / _test_dir_name(request.node.name)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def page(browser, live_server, artifacts_dir, request):
    """A fresh browser context's page on the live server (relative URLs work: base_url), saving a
    last screenshot when the test fails."""
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.set_default_navigation_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed and not page.is_closed():
            try:
                page.screenshot(path=str(artifacts_dir / "failure.png"), full_page=True)
            except Exception:  # noqa: BLE001 - a failure screenshot must not hide the failure
                pass
        context.close()


@pytest.fixture
def shots(page, artifacts_dir) -> Shots:
    return Shots(page, artifacts_dir)


def log_in(page, username: str, password: str = PASSWORD, next_url: str = "/admin/") -> None:
    """Signs in through unfold's admin login form and waits for the page it lands on."""
    page.goto(f"{LOGIN_URL}?next={next_url}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").first.click()


@pytest.fixture
def admin_login(page):
    """`admin_login(user)`: the page, signed in to the admin as `user` (password PASSWORD)."""

    def sign_in(user, password: str = PASSWORD):
        log_in(page, user.get_username(), password)
        assert not page.url.split("?")[0].endswith(LOGIN_URL), f"still on the login page: {page.url}"
        return page

    return sign_in


# --- people -------------------------------------------------------------------------------


@pytest.fixture
def roles(transactional_db) -> dict:
    from timba.generated import security as spec
    from timba.models import Role

    return {name: Role.objects.get_or_create(name=name)[0] for name in spec.ROLES}


@pytest.fixture
def make_tenant(builder):
    """A client whose subscription lets it in unless the overrides say otherwise."""
    from timba.generated import security as spec

    sub = spec.SUBSCRIPTION

    def make(**overrides):
        values = {sub["status"]: "active", sub["paid_until"]: None, sub["seats"]: 100} | overrides
        return builder.create(spec.TENANT, **values)

    return make


@pytest.fixture
def make_tenant_admin(builder, roles):
    """`make_tenant_admin(client)`: a user of `client` with the admin channel's role and the
    spec's admin role: what the README calls a tenant admin."""
    from timba.generated import security as spec

    def make(client):
        granted = [roles[spec.CHANNELS["admin"]], roles[spec.ADMIN_ROLE]]
        return builder.create(PROJECT.auth_user.name, client=client, **{spec.USER_ROLES: granted})

    return make


@pytest.fixture
def tenant(make_tenant):
    return make_tenant()


@pytest.fixture
def tenant_admin(make_tenant_admin, tenant):
    return make_tenant_admin(tenant)
