"""A wrong type where a page reads an id, a number or an address (?key=abc, ?year=0, a 19-digit id, next=abc)
is read as absent or refused with a 4xx — never a server error, and nothing changes (issue 14, finding 4)."""
import pytest

from core.models import AuditEvent

HUGE = "9999999999999999999"


@pytest.mark.req("KEY-LOAN-1")
@pytest.mark.parametrize("url,expected", [
    ("/keys/loans/new/?key=abc", 404),
    (f"/keys/loans/new/?key={HUGE}", 404),
    ("/notifications/?project=%C2%B2", 200),
    (f"/notifications/?project={HUGE}", 200),
    ("/duty/holidays/calendar/?year=0", 200),
    (f"/duty/holidays/calendar/?year={HUGE}", 200),
    (f"/duty/log/entries/{HUGE}/emergency/print/", 404),
    (f"/desk/repairs/{HUGE}/print/", 404),
])
def test_a_wrong_number_in_the_address_is_absent_or_not_found(client, users, url, expected):
    client.force_login(users["jingli"] if "calendar" in url else users["kefu1"])
    assert client.get(url).status_code == expected


@pytest.mark.req("CORE-1")
@pytest.mark.parametrize("url,form,expected", [
    ("/project/", {"project": "abc", "next": "abc"}, 302),
    ("/project/", {"project": HUGE, "next": "-1"}, 302),
    ("/notifications/read/", {"ids": HUGE, "next": "2026-02-30"}, 302),
    ("/notifications/read/", {"ids": "²"}, 302),
    ("/duty/attendance/absence/", {"person": "abc"}, 404),
    ("/duty/attendance/clerk/", {"person": HUGE}, 404),
    ("/duty/roster/requests/", {"assignment": "abc"}, 404),
    ("/duty/holidays/open/", {"start": "2026-02-30"}, 302),
])
def test_a_wrong_value_in_a_form_is_refused_and_changes_nothing(client, users, url, form, expected):
    client.force_login(users["kefu1"])
    events = AuditEvent.objects.count()
    response = client.post(url, form)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/")  # never a bare word read as a view name
    assert AuditEvent.objects.count() == events


@pytest.mark.req("CORE-1")
def test_the_project_switch_goes_back_only_to_a_page_of_this_site(client, users):
    client.force_login(users["kefu1"])
    assert client.post("/project/", {"next": "https://evil.example/"})["Location"] == "/"
    assert client.post("/project/", {"next": "/duty/log/"})["Location"] == "/duty/log/"
    assert client.post("/project/", {}, HTTP_REFERER="http://testserver/desk/?a=1")["Location"] == "/desk/?a=1"


@pytest.mark.req("DESK-INTAKE-1")
def test_a_nul_character_in_the_address_or_a_form_is_refused_and_adds_nothing(client, users):
    from desk.models import Contact

    client.force_login(users["kefu1"])
    assert client.get("/keys/ledger/?q=a%00b").status_code == 400
    response = client.post("/desk/contacts/", {"channel": "call", "kind": "enquiry", "person_name": "业主\x00",
                                               "content": "x"})
    assert response.status_code == 400 and Contact.objects.count() == 0
