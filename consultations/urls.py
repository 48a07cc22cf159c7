from django.urls import path

from consultations.views import public

urlpatterns = [
    path("consultations/respond/<int:page_id>/", public.respond_by_id,
         name="consultation_respond"),
]
