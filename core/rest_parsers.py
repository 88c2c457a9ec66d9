"""The API's parsers with bounds: a body too big, nested too deep, a list too long or a text too long is a 400
with a stable code (too_large, too_deep, too_many, too_long) before any view sees it (issue 14, findings 4, 5).

DRF reads a JSON body straight from the socket, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE, and Python's json
module recurses once per level: 10,000 nested brackets were a RecursionError, a server error. Here the body is
read up to its limit and no further, and the parsed tree is walked without recursion (core.limits)."""
from __future__ import annotations

import codecs
import json

from django.conf import settings
from django.http import QueryDict
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.utils.json import strict_constant

from core import limits


def _content_length(parser_context) -> int | None:
    request = (parser_context or {}).get("request")
    meta = getattr(getattr(request, "_request", request), "META", {})
    try:
        return int(meta.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        return None


def _read_bounded(stream, parser_context) -> bytes:
    """The body, refused unread when it says it is too big, and never read past the limit when it lies."""
    limit = int(settings.API_MAX_BODY_BYTES)
    declared = _content_length(parser_context)
    if declared is not None and declared > limit:
        raise limits.too_large(limit)
    if stream is None:
        return b""
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise limits.too_large(limit)
    return body


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = _read_bounded(stream, parser_context)
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        try:
            text = codecs.decode(body, encoding)
            data = json.loads(text, parse_constant=strict_constant if self.strict else None)
        except RecursionError:
            raise limits.too_deep(int(settings.JSON_MAX_DEPTH)) from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        limits.check_tree(data)
        return data


class BoundedFormParser(FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = _read_bounded(stream, parser_context)
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        data = QueryDict(body, encoding=encoding)
        limits.check_form(data)
        return data


class BoundedMultiPartParser(MultiPartParser):
    """Uploads: the files are bounded by core.uploads; the form fields beside them like any posted form.

    Once a middleware has read request.POST (core.middleware.RefuseNulBytesMiddleware does, for the NUL check),
    DRF hands the view Django's parsed form and never calls this parser: that middleware applies the same bound."""

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        limits.check_form(parsed.data)
        return parsed
