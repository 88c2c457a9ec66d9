from django.urls import path

from keys.pages import custody_checks, deposit, desk, ledger, loans, loss, registers

app_name = "pages"

urlpatterns = [
    path("desk/", desk.desk_page, name="desk"),
    path("desk/lend/<id:pk>/", desk.lend, name="lend"),
    path("desk/return/<id:pk>/", desk.take_back, name="take-back"),
    path("t/<str:token>/", desk.tag, name="tag"),
    path("inbox/", loans.inbox_page, name="inbox"),
    path("loans/", loans.loans_page, name="loans"),
    path("loans/new/", loans.apply_page, name="apply"),
    path("loans/<id:pk>/", loans.loan_page, name="loan"),
    path("loans/<id:pk>/<str:action>/", loans.loan_action, name="loan-action"),
    path("requests/<str:kind>/<id:pk>/decide/", loans.decide_request, name="decide"),
    path("followups/<str:kind>/<id:pk>/resolve/", loans.resolve, name="resolve"),
    path("ledger/", ledger.ledger_page, name="ledger"),
    path("ledger/new/", ledger.new_key_page, name="key-new"),
    path("key/<id:pk>/", ledger.key_page, name="key"),
    path("key/<id:pk>/edit/", ledger.edit_key, name="key-edit"),
    path("key/<id:pk>/retire/", ledger.retire_key, name="key-retire"),
    path("daily/", registers.daily_page, name="daily"),
    path("inventory/", registers.inventory_page, name="inventory"),
    path("inventory/<id:pk>/", registers.count_page, name="inventory-count"),
    path("inventory/line/<id:pk>/resolve/", registers.resolve_line, name="inventory-resolve"),
    *deposit.urlpatterns, *loss.urlpatterns, *custody_checks.urlpatterns,
]
