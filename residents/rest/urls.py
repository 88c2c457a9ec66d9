from django.urls import path

from residents.rest.surveys import SatisfactionView

urlpatterns = [path("satisfaction/", SatisfactionView.as_view(), name="residents-satisfaction")]
