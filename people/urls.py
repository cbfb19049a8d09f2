from django.urls import path

from people.views import onboarding, privacy, profiles

app_name = "people"

urlpatterns = [
    path("profil/", profiles.my_profile, name="my_profile"),
    path("profil/kom-igang/", onboarding.onboarding_start, name="onboarding"),
    path("profil/kom-igang/<int:step>/", onboarding.onboarding_step, name="onboarding_step"),
    path("profil/taggar/", profiles.tag_autocomplete, name="tag_autocomplete"),
    path("profil/mina-data/", privacy.my_data, name="my_data"),
    path("profil/radera/", privacy.delete_account, name="delete_account"),
    path("personer/<int:pk>/", profiles.profile_detail, name="profile_detail"),
]
