"""Peer (b): a DRF ModelViewSet with a django-filter FilterSet, LimitOffsetPagination, a bearer
authentication class on the same ApiToken and a tenant-scoped queryset."""

import django_filters
from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import (
    authentication,
    exceptions,
    pagination,
    permissions,
    response,
    serializers,
    views,
    viewsets,
)

from bench.peer_auth import bearer_user, may
from timba.models import Consignment, Log
from timba.runtime import access

OPS = {"list": "list", "retrieve": "get", "create": "create", "update": "update",
       "partial_update": "update", "destroy": "delete"}


class BearerAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        if "HTTP_AUTHORIZATION" not in request.META:
            return None
        user = bearer_user(request._request)
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        return user, None

    def authenticate_header(self, request):
        return "Bearer"


class LogPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user is not None and getattr(user, "is_authenticated", False)
                    and may(user, OPS.get(view.action, view.action or "")))


class LogFilter(django_filters.FilterSet):
    class Meta:
        model = Log
        fields = {"consignment": ["exact", "in"]}


class LogSerializer(serializers.ModelSerializer):
    consignment_id = serializers.PrimaryKeyRelatedField(source="consignment", queryset=Consignment.objects.all())
    client_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = Log
        fields = ["id", "consignment_id", "client_id", "barcode", "length", "breadth", "height",
                  "volume", "created_at", "updated_at"]
        read_only_fields = ["id", "volume", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user is not None:
            fields["consignment_id"].queryset = access.scope(Consignment.objects.all(), request.user)
        return fields

    def validate(self, attrs):
        consignment = attrs.get("consignment")
        barcode = attrs.get("barcode")
        if consignment is not None and barcode is not None:
            clash = Log.objects.filter(client_id=consignment.client_id, barcode=barcode)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise serializers.ValidationError({"barcode": "already used by this client"})
        return attrs


class LogPagination(pagination.LimitOffsetPagination):
    default_limit = 50
    max_limit = 500


class LogViewSet(viewsets.ModelViewSet):
    authentication_classes = [BearerAuthentication]
    permission_classes = [LogPermission]
    filter_backends = [DjangoFilterBackend]
    pagination_class = LogPagination
    serializer_class = LogSerializer
    filterset_class = LogFilter

    def get_queryset(self):
        return Log.objects.filter(client_id=access.tenant_id(self.request.user)).order_by("id")


class LogBulkView(views.APIView):
    """POST {"items": [...]}: DRF's own answer to many rows, `LogSerializer(many=True)`: each
    item validated by the serializer, then created one by one (DRF has no bulk upsert)."""

    authentication_classes = [BearerAuthentication]
    permission_classes = [LogPermission]
    action = "create"

    def post(self, request):
        serializer = LogSerializer(data=request.data.get("items"), many=True, context={"request": request})
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            serializer.save()
        return response.Response({"created": len(serializer.data), "updated": 0, "items": serializer.data})


class LogCursorPagination(pagination.CursorPagination):
    ordering = "id"
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 500


class LogCursorViewSet(LogViewSet):
    """The same viewset with keyset pages (no COUNT), for the `list (cursor)` rows."""

    pagination_class = LogCursorPagination
