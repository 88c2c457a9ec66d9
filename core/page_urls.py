from django.contrib.auth import views as auth_views
from django.urls import path

from core import pages
from core.auth import LoginForm

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("company/", pages.company, name="company"),
    path("project/", pages.switch_project, name="switch-project"),
    path("notifications/read/", pages.notifications_read, name="notifications-read"),
]
