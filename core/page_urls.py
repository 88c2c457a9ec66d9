from django.contrib.auth import views as auth_views
from django.urls import path

from core import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("project/", pages.switch_project, name="switch-project"),
    path("notifications/read/", pages.notifications_read, name="notifications-read"),
]
