from django.urls import path

from keys.paper import custody_checks, deposit, excel, forms, imports, loss

app_name = "printing"

urlpatterns = [
    path("print/loans/<id:pk>/application/", forms.application, name="application"),
    path("print/register/", forms.register, name="register"),
    path("print/ledger/", forms.key_list, name="ledger"),
    path("print/tags/", forms.tags, name="tags"),
    path("export/ledger.xlsx", excel.ledger_xlsx, name="export-ledger"),
    path("export/loans.xlsx", excel.loans_xlsx, name="export-loans"),
    path("import/", imports.import_page, name="import"),
    path("import/template.xlsx", imports.import_template, name="import-template"),
    *deposit.urlpatterns, *loss.urlpatterns, *custody_checks.urlpatterns,
]
