"""Subscriptions and seats (resources.yaml `security.subscription`): a tenant whose status is not
active, or whose paid_until has passed, gets 402 on the API with a detail saying why and what to
do; platform staff pass. A client's active users never exceed its seats, whether created through
the API (409), the admin (a form error) or an import (failed rows)."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
import tablib
from django.test import Client as HttpClient
from django.utils import timezone
from spec_rows import PASSWORD, JsonClient, assert_problem

from timba.generated import security as spec
from timba.generated.resources import UserResource
from timba.models import User
from timba.tokens.models import ApiToken

from .support import ADMIN_ROLE, API_ROLE, PROTECTED_URL, ask_token

USERS_URL = "/api/v1/users"
ACTIVE = list(spec.SUBSCRIPTION["active"])
INACTIVE = ["past_due", "cancelled"]
TODAY = timezone.localdate


def active_users(client) -> int:
    return User.objects.filter(client=client, is_active=True).count()


# --- 402 -----------------------------------------------------------------------------------


def test_spec_statuses_are_the_ones_tested():
    assert set(ACTIVE) == {"trial", "active"}
    assert not set(INACTIVE) & set(ACTIVE)


@pytest.mark.parametrize("status", INACTIVE)
def test_inactive_subscription_is_402_with_a_reason(status, make_client, make_user, api_as):
    client = make_client(status=status)
    api = api_as(make_user(client))
    body = assert_problem(api.get(PROTECTED_URL), 402)
    assert body["title"] == "Payment Required"
    assert status in body["detail"] and client.name in body["detail"]
    assert "renew" in body["detail"].lower()


@pytest.mark.parametrize("status", INACTIVE)
def test_inactive_subscription_gets_no_token(status, make_client, make_user):
    user = make_user(make_client(status=status))
    assert_problem(ask_token(user.username, PASSWORD), 402)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("status", INACTIVE)
def test_every_kind_of_call_is_refused(status, make_client, make_user, api_as, builder):
    client = make_client(status=status)
    api = api_as(make_user(client, role_names=(API_ROLE, "client_admin")))
    consignment = builder.create("Consignment", client=client)
    assert_problem(api.get(f"{PROTECTED_URL}/{consignment.pk}"), 402)
    assert_problem(api.post(PROTECTED_URL, {"name": "new", "type": "hardwood"}), 402)
    assert_problem(api.delete(f"{PROTECTED_URL}/{consignment.pk}"), 402)


def test_subscription_lapsing_stops_existing_tokens(make_client, make_user, api_as):
    client = make_client(status="active")
    api = api_as(make_user(client))
    assert api.get(PROTECTED_URL).status_code == 200
    client.status = "cancelled"
    client.save()
    assert_problem(api.get(PROTECTED_URL), 402)


@pytest.mark.parametrize("status", ACTIVE)
def test_paid_until_in_the_past_is_402(status, make_client, make_user, api_as):
    yesterday = TODAY() - timedelta(days=1)
    api = api_as(make_user(make_client(status=status, paid_until=yesterday)))
    body = assert_problem(api.get(PROTECTED_URL), 402)
    assert yesterday.isoformat() in body["detail"]
    assert "pay" in body["detail"].lower()


def test_paid_until_in_the_past_gets_no_token(make_client, make_user):
    user = make_user(make_client(paid_until=TODAY() - timedelta(days=30)))
    assert_problem(ask_token(user.username, PASSWORD), 402)


@pytest.mark.parametrize("status", ACTIVE)
@pytest.mark.parametrize(
    "paid_for", [0, 1, 365, None], ids=["today", "tomorrow", "next-year", "no-end"]
)
def test_active_subscription_is_allowed(status, paid_for, make_client, make_user):
    paid_until = None if paid_for is None else TODAY() + timedelta(days=paid_for)
    user = make_user(make_client(status=status, paid_until=paid_until))
    response = ask_token(user.username, PASSWORD)
    assert response.status_code == 201, response.content
    token = orjson.loads(response.content)["token"]
    assert JsonClient(HttpClient(), token).get(PROTECTED_URL).status_code == 200


@pytest.mark.parametrize("status", INACTIVE)
def test_platform_staff_are_not_held_by_a_subscription(status, make_client, superuser, api_as):
    superuser.client = make_client(status=status, paid_until=TODAY() - timedelta(days=1))
    superuser.save()
    assert ask_token(superuser.username, PASSWORD).status_code == 201
    assert api_as(superuser).get(PROTECTED_URL).status_code == 200


def test_staff_see_lapsed_clients_data(make_client, api, builder):
    client = make_client(status="cancelled")
    consignment = builder.create("Consignment", client=client)
    assert api.get(f"{PROTECTED_URL}/{consignment.pk}").status_code == 200


# --- seats ---------------------------------------------------------------------------------


@pytest.fixture
def full_client(make_client, make_user):
    """A client with 2 seats, both taken: a client admin (on the API and in the admin) and a
    mobile user. Returns (client, client admin)."""
    client = make_client(seats=2)
    admin = make_user(client, role_names=(API_ROLE, ADMIN_ROLE, "client_admin"))
    make_user(client)
    return client, admin


def new_user_body(roles, **extra) -> dict:
    return {"username": "seat-seeker", "password": PASSWORD, "roles": [roles[API_ROLE].pk], **extra}


def assert_seats_conflict(response, client, username="seat-seeker"):
    body = assert_problem(response, 409)
    assert "seats" in body["detail"] and str(client.seats) in body["detail"]
    assert "(field: )" not in body["detail"]
    assert not User.objects.filter(username=username).exists()
    assert active_users(client) == client.seats
    return body


def test_client_admin_cannot_create_a_user_beyond_the_seats(full_client, api_as, roles):
    client, admin = full_client
    assert_seats_conflict(api_as(admin).post(USERS_URL, new_user_body(roles)), client)


def test_staff_cannot_create_a_user_beyond_the_seats(full_client, api, roles):
    client, _ = full_client
    assert_seats_conflict(api.post(USERS_URL, new_user_body(roles, client_id=client.pk)), client)


def test_staff_cannot_move_a_user_into_a_full_client(full_client, api, make_user):
    client, _ = full_client
    outsider = make_user(None)
    response = api.patch(f"{USERS_URL}/{outsider.pk}", {"client_id": client.pk})
    assert_problem(response, 409)
    outsider.refresh_from_db()
    assert outsider.client_id is None


def test_a_free_seat_admits_one_more_user(make_client, make_user, api_as, roles):
    client = make_client(seats=3)
    admin = make_user(client, role_names=(API_ROLE, "client_admin"))
    make_user(client)
    api = api_as(admin)
    response = api.post(USERS_URL, new_user_body(roles))
    assert response.status_code == 201, response.content
    assert orjson.loads(response.content)["client_id"] == client.pk
    assert_seats_conflict(
        api.post(USERS_URL, new_user_body(roles, username="one-too-many")), client, "one-too-many"
    )


def test_deactivated_users_do_not_take_a_seat(full_client, api_as, make_user, roles):
    client, admin = full_client
    User.objects.filter(client=client).exclude(pk=admin.pk).update(is_active=False)
    make_user(client, is_active=False)
    response = api_as(admin).post(USERS_URL, new_user_body(roles))
    assert response.status_code == 201, response.content
    assert active_users(client) == 2


def test_reactivating_a_user_beyond_the_seats_is_refused(full_client, make_user, superuser):
    """Re-activation takes a seat: the write pipeline (every path's) refuses it when none is free."""
    from timba.runtime import write
    from timba.runtime.problems import Problem

    client, _ = full_client
    sleeper = make_user(client, is_active=False)
    with pytest.raises(Problem) as caught:
        write.save(superuser, User, [write.Item(pk=sleeper.pk, data={"is_active": True})], perms=("update",))
    assert caught.value.status == 409 and "seats" in caught.value.detail
    sleeper.refresh_from_db()
    assert not sleeper.is_active


def test_editing_a_user_of_a_full_client_is_not_blocked(full_client, api_as):
    client, admin = full_client
    response = api_as(admin).patch(f"{USERS_URL}/{admin.pk}", {"name": "Renamed"})
    assert response.status_code == 200, response.content


def test_zero_seats_admit_nobody(make_client, api, roles):
    client = make_client(seats=0)
    response = api.post(USERS_URL, new_user_body(roles, client_id=client.pk))
    assert_problem(response, 409)


# --- seats in the admin and in imports -------------------------------------------------------


def admin_add_user(client_admin, username: str):
    browser = HttpClient()
    browser.force_login(client_admin)
    from timba.models import Role

    data = {
        "username": username,
        spec.USER_ROLES: [Role.objects.get_or_create(**{spec.ROLE_NAME: API_ROLE})[0].pk],  # added with its roles
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return browser.post("/admin/timba/user/add/", {**data, "_save": "Save"})


def test_admin_add_user_form_admits_while_seats_are_free(make_client, make_user):
    client = make_client(seats=5)
    admin = make_user(client, role_names=(ADMIN_ROLE, "client_admin"))
    response = admin_add_user(admin, "added-in-admin")
    assert response.status_code == 302, response.content[:2000]
    assert User.objects.get(username="added-in-admin").client_id == client.pk


def test_admin_add_user_form_shows_the_seats_error(full_client):
    client, admin = full_client
    response = admin_add_user(admin, "seat-seeker")
    assert response.status_code == 200
    text = response.content.decode()
    assert f"uses all {client.seats} seats" in text
    assert not User.objects.filter(username="seat-seeker").exists()


def user_sheet(client_name: str | None, usernames: list[str]) -> tablib.Dataset:
    headers = ["username", "roles"] + (["client"] if client_name else [])
    rows = [[name, API_ROLE] + ([client_name] if client_name else []) for name in usernames]
    return tablib.Dataset(*rows, headers=headers)


@pytest.mark.parametrize("importer", ["staff", "client_admin"])
def test_import_beyond_the_seats_fails_the_extra_rows(
    importer, make_client, make_user, superuser, roles
):
    client = make_client(seats=3)
    admin = make_user(client, role_names=(ADMIN_ROLE, "client_admin"))
    by, name = (superuser, client.name) if importer == "staff" else (admin, None)
    names = [f"imported-{i}" for i in range(4)]
    result = UserResource().import_data(user_sheet(name, names), dry_run=False, user=by)
    assert result.has_validation_errors()
    failed = [row.number for row in result.invalid_rows]
    assert failed == [3, 4], failed
    for row in result.invalid_rows:
        assert any("seats" in " ".join(msgs) for msgs in row.error_dict.values()), row.error_dict
    assert active_users(client) <= client.seats


def test_import_within_the_seats_succeeds(make_client, roles, db):
    client = make_client(seats=2)
    result = UserResource().import_data(
        user_sheet(client.name, ["fits-1", "fits-2"]), dry_run=False
    )
    assert not result.has_validation_errors() and not result.has_errors()
    assert active_users(client) == 2
