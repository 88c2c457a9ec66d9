"""API pages: `?limit=` and `?offset=` that are not whole numbers are refused, not quietly ignored.

DRF's LimitOffsetPagination falls back to the default page when `limit=-9.3e-192` or `offset=abc` arrive, so
a client with a bug gets an answer it did not ask for. Here such a request answers 400 `validation_error`
naming the parameter; a limit above 1,000 is capped at 1,000 so that one request cannot ask for a whole company's ledger."""
from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


def _whole(request, name: str, *, least: int) -> None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return
    if not (raw.isascii() and raw.isdigit()) or int(raw) < least:
        raise ValidationError({name: [_("Must be a whole number of at least %(least)d.") % {"least": least}]})


class StrictLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 1000

    def paginate_queryset(self, queryset, request, view=None):
        _whole(request, self.limit_query_param, least=1)
        _whole(request, self.offset_query_param, least=0)
        return super().paginate_queryset(queryset, request, view)
