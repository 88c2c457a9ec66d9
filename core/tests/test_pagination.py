"""API pages: a limit or offset that is not a whole number is refused with 400, never quietly replaced by the
default page (found by the widened API fuzzer: `?limit=-9.3e-192` answered 200)."""
import pytest


@pytest.mark.req("CORE-1")
@pytest.mark.parametrize("query", ["limit=-9.3e-192", "limit=0", "limit=abc", "limit=-1", "offset=-1",
                                   "offset=1.5", "limit=１０"])
def test_a_page_size_that_is_no_whole_number_is_refused(api_as, users, query):
    answer = api_as(users["kefu1"]).get(f"/api/notifications/?{query}")
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "validation_error"
    assert set(body["details"]) == {query.split("=")[0]}


@pytest.mark.req("CORE-1")
def test_whole_numbers_page_as_asked_and_a_huge_limit_is_capped(api_as, users):
    api = api_as(users["kefu1"])
    assert api.get("/api/notifications/?limit=2&offset=0").status_code == 200
    assert api.get("/api/notifications/?limit=&offset=").status_code == 200
    page = api.get("/api/notifications/?limit=99999999999999999999").json()
    assert "results" in page
