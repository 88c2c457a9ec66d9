"""Odd query values get an answer, never a server error (found by the API fuzzer)."""
import pytest


@pytest.mark.req("HOLIDAY-1")
@pytest.mark.parametrize("year", ["²", "99999999999999999999", "-1", "abc"])
def test_the_calendar_ignores_a_year_that_is_not_a_plain_number(api_as, users, year):
    response = api_as(users["kfzg"]).get("/api/duty/holidays/calendar/", {"year": year})
    assert response.status_code == 200
