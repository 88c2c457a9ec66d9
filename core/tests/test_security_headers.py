"""Every response carries a Content-Security-Policy without inline script; pages for a signed-in person
and every API answer say `Cache-Control: no-store`, static files do not (CORE-3; OWASP ASVS 14.3.2, 14.4.3)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

pytestmark = pytest.mark.req("CORE-3")

TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


def _directives(response) -> dict:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_pages_api_and_static_files_carry_the_policy(users, api_as):
    client = Client()
    client.force_login(users["kefu1"])
    for response in (Client().get("/accounts/login/"), client.get("/"), api_as(users["kefu1"]).get("/api/me/"),
                     Client().get("/static/css/app.css")):
        directives = _directives(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]
        assert directives["form-action"] == ["'self'"] and directives["base-uri"] == ["'self'"]


def test_the_policy_is_a_setting(client, db, settings):
    settings.CONTENT_SECURITY_POLICY = "default-src 'none'"
    assert client.get("/accounts/login/")["Content-Security-Policy"] == "default-src 'none'"
    settings.CONTENT_SECURITY_POLICY = ""
    assert "Content-Security-Policy" not in client.get("/accounts/login/")


def test_no_template_has_inline_script_style_or_event_handlers():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for pattern in (r"<script(?![^>]*\ssrc=)[^>]*>", r"<style", r"\sstyle=", r"\son[a-z]+=", r"javascript:"):
            found += [f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in re.finditer(pattern, text)]
    assert found == []


def test_signed_in_pages_and_api_answers_are_not_stored_but_static_files_are_cacheable(users, api_as):
    client = Client()
    client.force_login(users["kefu1"])
    for response in (client.get("/"), client.get("/notifications/"), api_as(users["kefu1"]).get("/api/me/"),
                     Client().get("/api/me/")):  # an API refusal too: the API never caches
        assert response["Cache-Control"] == "no-store" and response["Pragma"] == "no-cache"
    static = Client().get("/static/css/app.css")
    assert static.status_code == 200 and "no-store" not in static.get("Cache-Control", "")


def test_the_answer_that_signs_a_person_in_is_already_not_stored(users):
    from core.testing.fixtures import PASSWORD

    client = Client()
    signed_in = client.post("/accounts/login/", {"username": "kefu1", "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Cache-Control"] == "no-store"
