"""API pages: `?limit=` and `?offset=` that are not whole numbers are refused, not quietly ignored.

DRF's LimitOffsetPagination falls back to the default page when `limit=-9.3e-192` or `offset=abc` arrive, so
a client with a bug gets an answer it did not ask for. Here such a request answers 400 `validation_error`
naming the parameter; a limit above 1,000 is capped at 1,000 so that one request cannot ask for a whole company's ledger."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.utils.urls import replace_query_param


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


class CappedCountPagination(StrictLimitOffsetPagination):
    """For lists that reach a million rows (the archive catalogue): the total is counted up to `count_cap` and
    then said to be "more than" (`count_capped: true`), so a page costs the same in a project of ten thousand
    rows and in one of a million. `next` is given whenever another row exists, also past the cap."""

    count_cap = 10_000

    def paginate_queryset(self, queryset, request, view=None):
        _whole(request, self.limit_query_param, least=1)
        _whole(request, self.offset_query_param, least=0)
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.offset = self.get_offset(request)
        rows = list(queryset[self.offset:self.offset + self.limit + 1])
        self.has_more = len(rows) > self.limit
        rows = rows[:self.limit]
        counted = queryset[:self.count_cap + 1].count() if self.offset < self.count_cap else self.count_cap + 1
        self.count_capped = counted > self.count_cap
        self.count = max(min(counted, self.count_cap), self.offset + len(rows))
        return rows

    def get_next_link(self):
        if not self.has_more:
            return None
        url = replace_query_param(self.request.build_absolute_uri(), self.limit_query_param, self.limit)
        return replace_query_param(url, self.offset_query_param, self.offset + self.limit)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.count_capped
        return response

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count_capped"] = {
            "type": "boolean", "description": "true when `count` is a lower bound: more rows exist than were counted"}
        return answer


class CappedPaginator(Paginator):
    """The pages' counterpart: counts up to `cap` rows; `capped` says the list goes on (the pager says "more
    than"), and a search or a filter narrows it."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        counted = self.object_list[:self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)

    capped = False

    def page(self, number):
        """A page holds its full `per_page` rows even where the capped count ends inside it."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom:bottom + self.per_page], number, self)
