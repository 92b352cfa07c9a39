"""Constants and helpers shared by the modules of tests/auth."""

from __future__ import annotations

from django.test import Client as HttpClient
from spec_rows import JsonClient

from timba.generated import security as spec

API_ROLE = spec.CHANNELS["api"]  # "mobile"
ADMIN_ROLE = spec.CHANNELS["admin"]  # "web"
TOKEN_URL = "/api/v1/auth/token"
PROTECTED_URL = "/api/v1/consignments"  # a route every API user with the channel role may list


def ask_token(username: str, password: str):
    """POST /api/v1/auth/token from a fresh client (same address as every test client)."""
    return JsonClient(HttpClient()).post(TOKEN_URL, {"username": username, "password": password})
