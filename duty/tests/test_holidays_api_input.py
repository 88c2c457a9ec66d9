"""Odd query values get an answer, never a server error (found by the API fuzzer)."""
import pytest


@pytest.mark.req("HOLIDAY-1")
@pytest.mark.parametrize("year", ["²", "99999999999999999999", "-1", "abc", "380934", "0"])
def test_the_calendar_ignores_a_year_that_is_not_a_plain_number(api_as, users, year):
    response = api_as(users["kfzg"]).get("/api/duty/holidays/calendar/", {"year": year})
    assert response.status_code == 200


@pytest.mark.req("HOLIDAY-1")
def test_a_year_beyond_the_calendar_matches_no_day(api_as, users):
    response = api_as(users["kfzg"]).get("/api/duty/holidays/calendar/", {"year": "380934"})
    assert response.status_code == 200 and response.json()["count"] == 0
