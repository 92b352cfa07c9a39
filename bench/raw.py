"""Peer (a): plain Django views, `.values()` and orjson; same auth, tenant filter, order, paging."""

from decimal import Decimal, InvalidOperation

import orjson
from django.db import IntegrityError, connection, transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from bench.peer_auth import bearer_user, may
from timba.models import Consignment, Log
from timba.runtime import access

FIELDS = ("id", "consignment_id", "client_id", "barcode", "length", "breadth", "height", "volume", "created_at", "updated_at")


def _default(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError


def _json(data, status=200):
    return HttpResponse(orjson.dumps(data, default=_default), status=status, content_type="application/json")


def _error(status, detail):
    return _json({"detail": detail}, status)


def _int(value, default, low, high=None):
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return None
    if number < low or (high is not None and number > high):
        return None
    return number


@csrf_exempt
def logs(request):
    user = bearer_user(request)
    if user is None:
        return _error(401, "Unauthorized")
    if request.method == "GET":
        if not may(user, "list"):
            return _error(403, "Forbidden")
        limit = _int(request.GET.get("limit"), 50, 1, 500)
        offset = _int(request.GET.get("offset"), 0, 0)
        if limit is None or offset is None:
            return _error(422, "limit/offset")
        queryset = Log.objects.filter(client_id=access.tenant_id(user)).order_by("id")
        if "consignment" in request.GET:
            consignment = _int(request.GET["consignment"], None, 0)
            if consignment is None:
                return _error(422, "consignment")
            queryset = queryset.filter(consignment_id=consignment)
        if "cursor" in request.GET:  # keyset page, no COUNT: the cursor is the last id seen
            after = _int(request.GET["cursor"] or None, 0, 0)
            if after is None:
                return _error(422, "cursor")
            rows = list(queryset.filter(id__gt=after).values(*FIELDS)[: limit + 1])
            following = str(rows[limit - 1]["id"]) if len(rows) > limit else None
            return _json({"items": rows[:limit], "count": None, "limit": limit, "offset": None, "next": following})
        items = list(queryset.values(*FIELDS)[offset : offset + limit])
        return _json({"items": items, "count": queryset.count(), "limit": limit, "offset": offset, "next": None})
    if request.method == "POST":
        if not may(user, "create"):
            return _error(403, "Forbidden")
        try:
            body = orjson.loads(request.body)
            consignment = Consignment.objects.filter(
                client_id=access.tenant_id(user), pk=int(body["consignment_id"])
            ).first()
            dims = {name: Decimal(str(body[name])) for name in ("length", "breadth", "height")}
            barcode = str(body["barcode"])
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, InvalidOperation):
            return _error(422, "invalid body")
        if consignment is None or not 0 < len(barcode) <= 50 or any(v < 0 for v in dims.values()):
            return _error(422, "invalid body")
        row = Log(consignment=consignment, barcode=barcode, **dims)
        try:
            row.save()  # prepare(): client from the consignment, volume computed
        except IntegrityError:
            return _error(409, "barcode already used")
        return _json({name: getattr(row, name) for name in FIELDS}, 201)
    return _error(405, "Method not allowed")


def log(request, pk):
    user = bearer_user(request)
    if user is None:
        return _error(401, "Unauthorized")
    if not may(user, "get"):
        return _error(403, "Forbidden")
    row = Log.objects.filter(client_id=access.tenant_id(user), pk=pk).values(*FIELDS).first()
    if row is None:
        return _error(404, "Not found")
    return _json(row)


DIMENSIONS = ("length", "breadth", "height")


@csrf_exempt
def logs_bulk(request):
    """POST {"items": [...]}: create or update each log on (client, barcode), all or nothing, as
    a hand-written view would: one scope query for the consignments, one for the existing keys,
    one INSERT … ON DUPLICATE KEY UPDATE, one read back."""
    user = bearer_user(request)
    if user is None:
        return _error(401, "Unauthorized")
    if request.method != "POST":
        return _error(405, "Method not allowed")
    if not (may(user, "create") and may(user, "update")):
        return _error(403, "Forbidden")
    tenant = access.tenant_id(user)
    try:
        items = orjson.loads(request.body)["items"]
        wanted = {int(item["consignment_id"]) for item in items}
        parents = {c.pk: c for c in Consignment.objects.filter(client_id=tenant, pk__in=wanted)}
        rows = []
        for item in items:
            dims = {name: Decimal(str(item[name])) for name in DIMENSIONS}
            barcode = str(item["barcode"])
            parent = parents.get(int(item["consignment_id"]))
            if parent is None or not 0 < len(barcode) <= 50 or any(v < 0 for v in dims.values()):
                return _error(422, "invalid item")
            row = Log(consignment=parent, barcode=barcode, **dims)
            row.prepare()  # client from the consignment, volume computed
            rows.append(row)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, InvalidOperation):
        return _error(422, "invalid body")
    barcodes = [row.barcode for row in rows]
    if len(set(barcodes)) != len(barcodes):
        return _error(422, "a barcode is sent twice")
    existing = set(Log.objects.filter(client_id=tenant, barcode__in=barcodes).values_list("barcode", flat=True))
    with transaction.atomic():
        Log.objects.bulk_create(
            rows, update_conflicts=True,  # MySQL: ON DUPLICATE KEY UPDATE, which names no unique fields
            unique_fields=None if connection.vendor == "mysql" else ["client", "barcode"], update_fields=["consignment", *DIMENSIONS, "volume", "updated_at"],
        )
    by_barcode = {r["barcode"]: r for r in Log.objects.filter(client_id=tenant, barcode__in=barcodes).values(*FIELDS)}
    return _json({"created": len(rows) - len(existing), "updated": len(existing),
                  "items": [by_barcode[b] for b in barcodes]})
