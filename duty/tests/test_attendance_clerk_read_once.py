"""Whether the user is the attendance clerk is read once per request (the menu and the page both ask: issue 17),
and a designation counts from the next request on (ATTEND-1)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.auth import LockoutModelBackend
from duty.selectors.attendance import may_prepare
from duty.services import attendance as svc


@pytest.mark.req("ATTEND-1")
def test_the_clerk_question_is_asked_once_per_request_and_a_designation_counts_next_request(client, project,
                                                                                                  users):
    clerk = users["kefu2"]
    before = LockoutModelBackend().get_user(clerk.pk)  # the user object of one request
    assert not may_prepare(before, project)
    svc.designate_clerk(project=project, person=clerk, actor=users["kfzg"])
    assert may_prepare(LockoutModelBackend().get_user(clerk.pk), project)  # the next request's user object
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/duty/attendance/").status_code == 200
    asked = [q["sql"] for q in seen.captured_queries if "duty_attendanceclerk" in q["sql"]]
    assert len(asked) <= 2, asked  # the page's own list of the clerk, and the question — once
    assert sum('"duty_attendanceclerk"."person_id" = ' in sql for sql in asked) <= 1
