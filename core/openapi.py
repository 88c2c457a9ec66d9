"""Schema post-processing: every operation documents the error answers core/api_errors.py gives.

Any endpoint may refuse (400 bad input, 401 not signed in or session expired, 403 role or rule, 404 not
found or another project's record, 409 state conflict, 415 wrong body type); the body is always the same
`Error` object with a stable `code`. Declaring them once here keeps every view's schema honest."""
from __future__ import annotations

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
