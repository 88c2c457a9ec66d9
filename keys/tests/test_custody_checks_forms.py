"""The key forms: print views with signature lines and Excel (KEY-REPORT-1), the shift slip print (KEY-SHIFT-1)."""
import io

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.testing.fixtures import PASSWORD
from keys.categories import Category
from keys.services import desk
from keys.tests.custody_checks_helpers import collect, listed_keys
from keys.tests.helpers import apply, lend, make_key


def _sheet_values(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return sheet, [c for row in sheet.iter_rows(values_only=True) for c in row]


@pytest.mark.req("KEY-REPORT-1")
def test_the_forms_index_lists_all_nine_forms_and_marks_missing_ones_not_available(client, users):
    client.force_login(users["kefu1"])
    response = client.get(reverse("pages:key-forms"))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ["客户房屋钥匙借用申请表", "公共区域钥匙借用申请表", "办公区域钥匙借用申请表", "业户钥匙寄存登记表",
                 "客服钥匙使用登记表", "客服钥匙明细登记表", "返修钥匙领取登记表", "钥匙丢失情况说明", "钥匙交接单"]:
        assert name in html
    for name in ["printing:key-usage-register", "printing:key-usage-register-xlsx", "printing:ledger",
                 "printing:export-ledger", "printing:key-handover-slips-xlsx"]:
        assert reverse(name) in html
    with translation.override("zh-hans"):
        not_available = _("not available")
    for name in ["printing:deposit-register", "printing:repair-pickup-register", "printing:loss-register-xlsx"]:
        try:
            assert reverse(name) in html
        except NoReverseMatch:  # another helper's form not built yet: shown as not available
            assert not_available in html


@pytest.mark.req("KEY-REPORT-1")
def test_a_form_whose_url_does_not_exist_is_shown_as_not_available(client, users, monkeypatch):
    from keys.pages import custody_checks as page

    forms = list(page.FORMS)
    forms[4] = (forms[4][0], ("printing:no-such-form", ""), ("printing:no-such-form-xlsx", ""), None)
    monkeypatch.setattr(page, "FORMS", forms)
    client.force_login(users["kefu1"])
    response = client.get(reverse("pages:key-forms"))
    with translation.override("zh-hans"):
        not_available = _("not available")
    assert response.status_code == 200
    row = next(r for r in response.content.decode().split("<tr>") if "客服钥匙使用登记表" in r)
    assert row.count(not_available) == 2


@pytest.mark.req("KEY-REPORT-1", "KEY-SHIFT-1")
def test_the_handover_slip_prints_with_both_signatures_and_exports(client, project, users):
    slip = collect(project, users, listed_keys(project, users))
    client.force_login(users["kefu1"])
    html = client.get(reverse("printing:key-handover-slip", args=[slip.pk])).content.decode()
    assert "钥匙交接单" in html and 'class="signatures"' in html
    assert users["baoan1"].display_name in html and users["kefu2"].display_name in html
    sheet, values = _sheet_values(client.get(reverse("printing:key-handover-slips-xlsx")))
    assert slip.serial in values and sheet.max_row == 2
    client.force_login(users["bj_kefu1"])
    assert client.get(reverse("printing:key-handover-slip", args=[slip.pk])).status_code == 404


@pytest.mark.req("KEY-REPORT-1")
def test_the_key_usage_register_lists_every_lend_and_return_of_customer_service_keys(client, project, users):
    unit = make_key(project, users, Category.UNIT, name="1栋101入户门", pieces=3)
    public = make_key(project, users, Category.PUBLIC, name="消防通道门")
    loan = lend(unit, users)
    desk.return_key(loan=loan, receiver=users["kefu1"], scanned=unit.tag_token, pieces_returned=3)
    lend(public, users)  # 行政部's key: not on the customer-service register
    client.force_login(users["kefu1"])
    html = client.get(reverse("printing:key-usage-register")).content.decode()
    assert "客服钥匙使用登记表" in html and 'class="signatures"' in html
    assert html.count(unit.number) == 2 and public.number not in html
    sheet, values = _sheet_values(client.get(reverse("printing:key-usage-register-xlsx")))
    assert sheet.max_row == 3 and unit.number in values and public.number not in values
    assert PASSWORD


@pytest.mark.req("KEY-REPORT-1")
def test_the_existing_forms_print_with_signature_lines_and_export(client, project, users):
    unit = make_key(project, users, Category.UNIT, name="1栋101入户门", pieces=3)
    loan = lend(unit, users)
    client.force_login(users["kefu1"])
    for url in [reverse("printing:application", args=[loan.pk]), reverse("printing:register") + "?form=unit",
                reverse("printing:register") + "?form=public", reverse("printing:register") + "?form=office",
                reverse("printing:ledger")]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200 and ('class="sign' in html or 'class="signatures"' in html), url
    for url in [reverse("printing:export-loans") + "?form=unit", reverse("printing:export-ledger")]:
        _sheet, values = _sheet_values(client.get(url))
        assert unit.number in values
    assert apply


@pytest.mark.req("KEY-SHIFT-1", "KEY-CHECK-1")
def test_the_demo_builds_a_slip_and_a_monthly_check_with_an_open_finding_once(world):
    from keys.demo import custody_checks as demo_custody_checks
    from keys.demo import loans as demo
    from keys.models import CheckFinding, ShiftKeySlip

    demo.build(world, password=PASSWORD)
    demo_custody_checks.build(world, password=PASSWORD)
    demo_custody_checks.build(world, password=PASSWORD)
    assert ShiftKeySlip.objects.filter(project=world.projects[0]).count() == 1
    assert CheckFinding.objects.filter(check_record__project=world.projects[0], status="open").count() == 1
