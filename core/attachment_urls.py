from django.urls import path

from core import attachment_views

urlpatterns = [
    path("attachments/file/<id:pk>/", attachment_views.download, name="attachment-download"),
    path("attachments/<str:label>/<str:pk>/", attachment_views.upload, name="attachment-upload"),
]
