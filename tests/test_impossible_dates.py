"""An impossible date typed into a page's address or form (30 February, month 13) is read as no date: the page
answers with its default or a refusal, never a server error (the house rule; issue 14, finding 4)."""
import pytest

IMPOSSIBLE = "2026-02-30"


@pytest.mark.req("DUTY-LOG-1")
@pytest.mark.parametrize("url", [
    f"/duty/log/?day={IMPOSSIBLE}",
    f"/duty/log/print/?day={IMPOSSIBLE}",
    f"/duty/log/export.xlsx?from={IMPOSSIBLE}&to=2026-13-01",
    f"/duty/attendance/day/?day={IMPOSSIBLE}",
    f"/desk/compliance/?date={IMPOSSIBLE}",
    f"/desk/contacts/print/?from={IMPOSSIBLE}&to={IMPOSSIBLE}",
    f"/keys/print/register/?from={IMPOSSIBLE}&to=2026-13-01",
])
def test_an_impossible_date_in_the_address_is_no_server_error(client, users, url):
    client.force_login(users["jingli"])
    assert client.get(url).status_code == 200


@pytest.mark.req("ATTEND-1")
def test_month_13_is_not_found(client, users):
    client.force_login(users["kfzg"])
    assert client.get("/duty/attendance/reports/2026-13/").status_code == 404


@pytest.mark.req("HOLIDAY-1")
def test_an_impossible_date_in_a_form_is_refused_and_adds_nothing(client, users):
    from duty.models import CalendarDay

    client.force_login(users["jingli"])
    before = CalendarDay.objects.count()
    response = client.post("/duty/holidays/calendar/", {"action": "add", "name": "元旦", "start": IMPOSSIBLE,
                                                        "end": IMPOSSIBLE})
    assert response.status_code in (200, 302) and CalendarDay.objects.count() == before
