"""`manage.py issue_token <username>`: the token alone on the last line of stdout (so scripts can
`tail -n 1` it), usable at once; no token for unknown or inactive users."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client as HttpClient
from spec_rows import JsonClient, assert_problem

from timba.tokens.models import PREFIX, ApiToken

from .support import PROTECTED_URL


def issue(username: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_token", username, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_prints_the_token_alone_on_the_last_line(mobile_user):
    out, _ = issue(mobile_user.username)
    assert out.endswith("\n")
    last = out.splitlines()[-1]
    assert re.fullmatch(re.escape(PREFIX) + r"[A-Za-z0-9_-]{40,}", last), out
    row = ApiToken.objects.get(user=mobile_user)
    assert row.key_digest == hashlib.sha256(last.encode()).hexdigest()


def test_printed_token_authenticates(mobile_user):
    token = issue(mobile_user.username)[0].splitlines()[-1]
    response = JsonClient(HttpClient(), token).get(PROTECTED_URL)
    assert response.status_code == 200, response.content


def test_the_note_on_stderr_does_not_repeat_the_secret(mobile_user):
    out, err = issue(mobile_user.username)
    token = out.splitlines()[-1]
    assert mobile_user.username in err
    assert token not in err


def test_each_run_issues_a_new_token(mobile_user):
    first, second = (issue(mobile_user.username)[0].splitlines()[-1] for _ in range(2))
    assert first != second
    assert ApiToken.objects.filter(user=mobile_user).count() == 2


def test_unknown_username_is_a_command_error(db):
    with pytest.raises(CommandError, match="no-such-user"):
        issue("no-such-user")
    assert not ApiToken.objects.exists()


def test_inactive_user_is_a_command_error(make_user, tenant):
    user = make_user(tenant, is_active=False)
    with pytest.raises(CommandError):
        issue(user.username)
    assert not ApiToken.objects.exists()


def test_token_of_a_user_without_the_api_role_is_refused_by_the_api(make_user, tenant):
    user = make_user(tenant, role_names=("web",))
    token = issue(user.username)[0].splitlines()[-1]
    assert_problem(JsonClient(HttpClient(), token).get(PROTECTED_URL), 403)
