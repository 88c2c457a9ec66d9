"""Every room's API in one schema: no two components share a name (the rooms reuse Loan, Incident, Transfer,
Close…; two components of one name make the generated schema wrong). core.openapi_schema names them by room."""
import pytest


@pytest.mark.req("CORE-1")
def test_no_two_schema_components_share_a_name(api_as, users, capsys):
    response = api_as(users["admin"]).get("/api/schema/?format=json")
    assert response.status_code == 200
    schemas = response.json()["components"]["schemas"]
    assert {"Loan", "ArchiveLoan", "DeskClose", "SiteClose", "DutyStartRequest", "ArchiveStartRequest"} <= set(schemas)
    assert "identical names" not in capsys.readouterr().err
