from django.conf import settings
from django.utils.functional import SimpleLazyObject

from core import workspace
from core.notifications import unread_count
from core.permissions import projects_for, roles_in


def propdesk(request):
    user = getattr(request, "user", None)
    project = getattr(request, "project", None)
    if not (user and user.is_authenticated):
        return {"LANGUAGES": settings.LANGUAGES}
    return {
        "current_project": project,
        "my_projects": getattr(request, "my_projects", None) or projects_for(user),
        "my_roles": roles_in(user, project) if project else frozenset(),
        # The rooms and links this user may open here (each room registers them; core.workspace filters them).
        "navigation": workspace.navigation(user, project),
        "LANGUAGES": settings.LANGUAGES,
        # One COUNT for the header badge; lazily, so a page that never shows the header never asks.
        "notification_unread": None if request.path.startswith("/api/") else SimpleLazyObject(
            lambda: unread_count(user)),
    }
