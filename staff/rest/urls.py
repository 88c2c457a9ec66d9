from rest_framework.routers import SimpleRouter

from staff.rest import views

router = SimpleRouter()
router.register("training", views.SessionViewSet, basename="staff-training")
router.register("inductions", views.InductionViewSet, basename="staff-induction")
router.register("checks", views.CheckViewSet, basename="staff-check")
router.register("appraisals", views.AppraisalViewSet, basename="staff-appraisal")

urlpatterns = router.urls
