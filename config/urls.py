from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from core.openapi import DocsView, SchemaView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),  # settings.API_DOCS: public, login or off
    path("api/docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/keys/", include("keys.rest.urls")),
    path("api/", include("core.rest_urls")),
    path("api/duty/", include("duty.rest.urls")),
    path("api/desk/", include("desk.rest.urls")),
    path("api/archives/", include("archives.rest.urls")),
    path("api/siteoffice/", include("siteoffice.rest.urls")),
    path("api/safety/", include("safety.rest.urls")),
    path("api/stores/", include("stores.rest.urls")),
    path("api/staff/", include("staff.rest.urls")),
    path("api/surveys/", include("residents.rest.urls")),  # /api/residents/ is core's register of residents
    path("api/key-consents/", include("residents.rest.consent_urls")),
    path("", include("core.attachment_urls")),
    path("keys/", include("keys.page_urls")),
    path("keys/", include("keys.paper.urls")),
    path("duty/", include("duty.page_urls")),
    path("desk/", include("desk.page_urls")),
    path("archives/", include("archives.page_urls")),
    path("siteoffice/", include("siteoffice.page_urls")),
    path("safety/", include("safety.page_urls")),
    path("stores/", include("stores.page_urls")),
    path("staff/", include("staff.page_urls")),
    path("residents/", include("residents.page_urls")),
    path("r/", include("residents.pages.portal")),
    path("", include("core.page_urls")),
]
