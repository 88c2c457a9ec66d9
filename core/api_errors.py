"""Every API error is a 4xx with a stable `code` and a message in the user's language."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from core import limits
from core.auth import AccountLocked
from core.errors import DomainError


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        # Django's own bounds on a body it read (DATA_UPLOAD_MAX_*), said the way core.limits says them.
        refusal = limits.too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) if isinstance(exc, RequestDataTooBig) \
            else limits.too_many("fields", settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)
        return Response(refusal.as_dict(), status=refusal.status)
    if isinstance(exc, AccountLocked):
        return Response({"code": exc.refusal_code, "message": str(exc.detail), "rule": "CORE-6"},
                        status=status.HTTP_401_UNAUTHORIZED)
    if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        expired = bool(getattr(getattr(request, "_request", request), "session_expired", False))
        code = "session_expired" if expired else "not_authenticated"
        message = _("Your session has expired; please sign in again.") if expired else _("Please sign in.")
        return Response({"code": code, "message": message}, status=status.HTTP_401_UNAUTHORIZED)
    if isinstance(exc, exceptions.ValidationError):
        return Response({"code": "validation_error", "message": _("Some fields are not valid."),
                         "details": exc.detail}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        return Response({"code": "validation_error", "message": "; ".join(exc.messages)}, status=400)
    if isinstance(exc, (Http404, exceptions.NotFound)):
        return Response({"code": "not_found", "message": _("No such record.")}, status=404)
    if isinstance(exc, (DjangoPermissionDenied, exceptions.PermissionDenied)):
        return Response({"code": "forbidden", "message": _("You may not do this.")}, status=403)
    if isinstance(exc, IntegrityError):
        return Response({"code": "conflict", "message": _("The record was changed by someone else; try again.")},
                        status=409)
    response = drf_handler(exc, context)
    if response is not None:
        detail = response.data.get("detail") if isinstance(response.data, dict) else response.data
        code = getattr(exc, "default_code", "error")
        if isinstance(exc, exceptions.APIException):
            codes = exc.get_codes()
            if isinstance(codes, str):
                code = codes
        response.data = {"code": code, "message": str(detail)}
    return response
