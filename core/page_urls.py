from django.contrib.auth import views as auth_views
from django.urls import path

from core import notification_pages, pages
from core.auth import LoginForm
from core.jobs import pages as job_pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("company/", pages.company, name="company"),
    path("project/", pages.switch_project, name="switch-project"),
    path("notifications/", notification_pages.list_page, name="notifications"),
    path("notifications/read/", notification_pages.mark_read_view, name="notifications-read"),
    path("notifications/<id:pk>/read/", notification_pages.mark_one_read, name="notification-read"),
    path("notifications/<id:pk>/open/", notification_pages.open_view, name="notification-open"),
    path("jobs/<id:pk>/", job_pages.open_view, name="job-open"),
    path("jobs/<id:pk>/status/", job_pages.status_view, name="job-status"),
]
