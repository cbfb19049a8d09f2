from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notiser/", views.notification_list, name="list"),
    path("notiser/avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
