"""Schema post-processing: every operation documents the error answers core/api_errors.py gives.

Any endpoint may refuse (400 bad input, 401 not signed in or session expired, 403 role or rule, 404 not
found or another project's record, 409 state conflict, 415 wrong body type); the body is always the same
`Error` object with a stable `code`. Declaring them once here keeps every view's schema honest.

Also the views serving the schema and the docs, behind settings.API_DOCS."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.permissions import BasePermission

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "Stable machine-readable code, e.g. key_already_lent."},
        "message": {"type": "string", "description": "In the user's language."},
        "rule": {"type": "string", "description": "Requirement ID of the rule that refused, e.g. KEY-LOAN-5."},
        "clause": {"type": "string", "description": "The regulation clause the policy comes from."},
        "details": {},
    },
    "required": ["code", "message"],
}
ERRORS = {
    "400": "Invalid input; nothing was changed.",
    "401": "Not signed in, or the session expired.",
    "403": "Not allowed by role or rule.",
    "404": "No such record (or not in your projects).",
    "409": "The record's state does not allow this.",
    "415": "Unsupported body type.",
}


def add_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ApiError", ERROR_SCHEMA)
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status, text in ERRORS.items():
                responses.setdefault(status, {"content": body, "description": text})
    return result


class DocsAllowed(BasePermission):
    """settings.API_DOCS: the schema and docs are public, for signed-in people only, or not there at all."""

    def has_permission(self, request, view) -> bool:
        mode = settings.API_DOCS
        if mode == "off":
            raise NotFound()
        return mode == "public" or bool(request.user and request.user.is_authenticated)


class SchemaView(SpectacularAPIView):
    permission_classes = [DocsAllowed]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script served as a file (no inline script), under the docs' own CSP;
    a visitor not signed in is sent to the sign-in page when the docs need a login."""

    permission_classes = [DocsAllowed]

    def handle_exception(self, exc):
        if isinstance(exc, NotAuthenticated):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY_API_DOCS
        return response

