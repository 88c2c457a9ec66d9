"""Bad input is a 4xx with a stable code and changes nothing: nested JSON, bodies, texts and lists past their bounds
(issue 14, findings 4, 5; core/limits.py, core/rest_parsers.py)."""
import json

import pytest

from core.models import AuditEvent
from desk.models import Contact, PaidService

CONTACT = {"channel": "call", "kind": "enquiry", "person_name": "业主1-201", "content": "咨询停车费"}


def _nested(levels: int, opening: str, closing: str, inner: str = "1") -> str:
    return opening * levels + inner + closing * levels


def _post_raw(api, url, body: str):
    return api.generic("POST", url, body.encode(), content_type="application/json")


@pytest.mark.req("DESK-INTAKE-1")
@pytest.mark.parametrize("body", [
    _nested(10_000, "[", "]"),
    _nested(10_000, '{"a":', "}"),
    _nested(100, "[", "]"),
])
def test_deeply_nested_json_is_refused_as_too_deep_and_changes_nothing(api_as, project, users, body):
    api = api_as(users["kefu1"])
    events = AuditEvent.objects.count()
    for url in ("/api/desk/contacts/", f"/api/residents/1/reveal/", "/api/keys/loans/"):
        response = _post_raw(api, url, body)
        assert response.status_code == 400, (url, response.status_code)
        assert response.json()["code"] == "too_deep"
    assert Contact.objects.count() == 0 and AuditEvent.objects.count() == events


@pytest.mark.req("DESK-INTAKE-1")
def test_a_body_over_the_api_limit_is_refused_as_too_large(api_as, project, users, settings):
    settings.API_MAX_BODY_BYTES = 10_000
    body = json.dumps({**CONTACT, "project": project.pk, "content": "长" * 20_000})
    response = _post_raw(api_as(users["kefu1"]), "/api/desk/contacts/", body)
    assert response.status_code == 400 and response.json()["code"] == "too_large"
    assert Contact.objects.count() == 0


@pytest.mark.req("DESK-INTAKE-1")
def test_a_text_longer_than_any_field_takes_is_refused_as_too_long(api_as, project, users):
    response = api_as(users["kefu1"]).post("/api/desk/contacts/", {**CONTACT, "project": project.pk,
                                                                    "content": "长" * 100_000}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "too_long" and response.json()["details"]["field"] == "content"
    assert Contact.objects.count() == 0


@pytest.mark.req("SERVICE-1")
def test_twenty_thousand_items_are_refused_as_too_many(api_as, project, users):
    items = [{"code": "drain", "quantity": 1}] * 20_000
    response = api_as(users["kefu1"]).post("/api/desk/paid/", {"project": project.pk, "person_name": "业主",
                                                                "items": items}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "too_many"
    assert PaidService.objects.count() == 0


@pytest.mark.req("DESK-INTAKE-1")
def test_a_long_page_form_field_is_refused_with_the_reason_and_adds_nothing(client, project, users):
    client.force_login(users["kefu1"])
    response = client.post("/desk/contacts/", {**CONTACT, "content": "长" * 200_000})
    assert response.status_code == 400 and b'data-code="too_long"' in response.content
    assert Contact.objects.count() == 0


@pytest.mark.req("DESK-INTAKE-1")
def test_a_note_longer_than_the_note_limit_is_refused_by_the_service(project, users, settings):
    from core.errors import DomainError
    from desk.services import intake

    settings.TEXT_MAX_CHARS = {**settings.TEXT_MAX_CHARS, "note": 50}
    with pytest.raises(DomainError) as exc:
        intake.register_contact(project=project, received_by=users["kefu1"], **{**CONTACT, "content": "长" * 51})
    assert exc.value.code == "too_long" and Contact.objects.count() == 0
    assert intake.register_contact(project=project, received_by=users["kefu1"], **{**CONTACT, "content": "长" * 50})
