"""The log is internal and confidential, and kept 2 years (DUTY-LOG-5)."""
import pytest

from core import clock
from core.errors import NotAllowed
from core.retention import UnderRetention, retain_until
from duty.models import DutyEntry, EmergencyReport
from duty.services.log import require_log_reader
from duty.tests.log_helpers import entry, major


@pytest.mark.req("DUTY-LOG-5")
def test_a_technician_may_not_read_the_log(project, users):
    with pytest.raises(NotAllowed) as info:
        require_log_reader(users["gongcheng1"], project)
    assert info.value.code == "log_confidential" and info.value.rule == "DUTY-LOG-5" and info.value.clause
    for name in ("kefu1", "kfzg", "jingli", "zongjingli", "xingzheng", "baoan1", "gczg"):
        require_log_reader(users[name], project)


@pytest.mark.req("DUTY-LOG-5")
def test_the_technician_is_refused_on_the_page_and_the_api(client, api_as, project, users):
    e = entry(project, users["kefu1"], what_happened="机密事件")
    client.force_login(users["gongcheng1"])
    for url in ("/duty/log/", f"/duty/log/entries/{e.pk}/", "/duty/log/print/", "/duty/log/export.xlsx",
                "/duty/log/rounds/"):
        response = client.get(url)
        assert response.status_code == 403 and "机密事件" not in response.content.decode()
    api = api_as(users["gongcheng1"])
    assert api.get(f"/api/duty/log/entries/{e.pk}/").json()["code"] == "log_confidential"
    assert api.get(f"/api/duty/log/entries/?project={project.pk}").status_code == 403
    assert api.get("/api/duty/log/entries/").json()["results"] == []
    response = api.post("/api/duty/log/entries/", {"project": project.pk, "kind": "theft", "what_happened": "x"},
                        format="json")
    assert response.status_code == 403 and DutyEntry.objects.count() == 1


@pytest.mark.req("DUTY-LOG-5")
def test_log_records_are_kept_two_years_and_a_delete_is_refused(project, users):
    e = major(project, users["kefu1"])
    assert e.retain_until == retain_until(2, clock.today())
    assert e.emergency_report.retain_until == e.retain_until
    with pytest.raises(UnderRetention):
        e.emergency_report.delete()
    with pytest.raises(UnderRetention):
        DutyEntry.objects.filter(pk=e.pk).delete()
    assert DutyEntry.objects.filter(pk=e.pk).exists() and EmergencyReport.objects.count() == 1
