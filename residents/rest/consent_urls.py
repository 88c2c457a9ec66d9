from django.urls import path

from residents.rest.consents import KeyConsentsView

urlpatterns = [path("", KeyConsentsView.as_view(), name="residents-key-consents")]
