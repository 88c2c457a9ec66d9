import pytest

from core import policies
from keys.categories import FORM_OF, Category, FormKind


@pytest.mark.req("KEY-CAT-1")
def test_every_category_has_a_custodian_a_chain_and_a_due_rule(project):
    for category in Category:
        assert policies.value(f"keys.custodian.{category.value}", project) in {"cs", "admin"}
        assert isinstance(policies.value(f"keys.approval.{category.value}", project), list)
        assert policies.value(f"keys.due.{category.value}", project)["rule"] in {"same_day", "after_use", "approved"}
        assert category in FORM_OF


@pytest.mark.req("KEY-CAT-1")
def test_unit_keys_are_kept_by_customer_service_and_public_and_office_keys_by_administration(project):
    assert policies.value("keys.custodian.unit", project) == "cs"
    assert policies.value("keys.custodian.public", project) == "admin"
    assert policies.value("keys.custodian.office", project) == "admin"
    clause = policies.resolve("keys.custodian.unit", project).clause
    assert "000 §2" in clause


@pytest.mark.req("KEY-CAT-1")
def test_the_regulation_categories_are_all_present():
    expected = {"unit", "deposited", "vacant", "repair", "public", "equipment", "office", "meter_box", "mailbox",
                "intercom", "front_desk", "model_unit"}
    assert set(Category.values) == expected
    assert FORM_OF[Category.OFFICE] == FormKind.OFFICE
