from django.urls import path

from consultations.views import short_address

urlpatterns = [
    path("consultations/respond/<int:page_id>/", short_address.respond_by_id,
         name="consultation_respond"),
]
