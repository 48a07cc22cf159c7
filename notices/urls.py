from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("notices/subscribe/", views.subscribe, name="subscribe"),
    path("notices/confirm/<str:token>/", views.confirm, name="confirm"),
    path("notices/manage/<str:token>/", views.manage, name="manage"),
    path("notices/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notices/yours/", views.staff_preferences, name="staff_preferences"),
    path("notices/staff-emails/<str:token>/", views.staff_emails, name="staff_emails"),
]
