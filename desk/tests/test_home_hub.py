"""The front-desk hub: one page to start from, counts of what waits, links to every desk register."""
import pytest
from django.urls import reverse

from desk.services import complaints


@pytest.mark.req("DESK-INTAKE-1")
def test_the_hub_links_every_desk_register_and_counts_open_complaints(client, project, users):
    complaints.register_complaint(project=project, registered_by=users["kefu1"], person_name="王先生",
                                  phone="13800000001", content="电梯噪音", channel="call")
    client.force_login(users["kfzg"])
    page = client.get(reverse("desk:home"))
    assert page.status_code == 200
    html = page.content.decode()
    for name in ("desk:intake-new", "desk:repairs-list", "desk:complaints-list", "desk:visits-list",
                 "desk:quality-list", "desk:compliance"):
        assert reverse(name) in html, name
    assert page.context["complaints_open"] == 1


def test_the_hub_shows_a_guard_no_resident_registers(client, project, users):
    client.force_login(users["baoan1"])
    page = client.get(reverse("desk:home"))
    assert page.status_code == 200
    assert "complaints_open" not in page.context and not page.context["desk"]
