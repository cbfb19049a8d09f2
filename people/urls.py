from django.urls import path

import umecom.converters  # noqa: F401 - registers <id:…>
from people.views import commitments, onboarding, organisations, privacy, profiles

app_name = "people"

urlpatterns = [
    path("profil/", profiles.my_profile, name="my_profile"),
    path("profil/kom-igang/", onboarding.onboarding_start, name="onboarding"),
    path("profil/kom-igang/<id:step>/", onboarding.onboarding_step, name="onboarding_step"),
    path("profil/taggar/", profiles.tag_autocomplete, name="tag_autocomplete"),
    path("profil/organisationer/", organisations.my_organisations, name="my_organisations"),
    path(
        "profil/organisationer/inbjudningar/<id:invitation_id>/",
        organisations.invitation_answer,
        name="invitation_answer",
    ),
    path("profil/mina-data/", privacy.my_data, name="my_data"),
    path("profil/mina-data/ladda-ner/", privacy.download_my_data, name="download_my_data"),
    path("profil/radera/", privacy.delete_account, name="delete_account"),
    path("personer/<id:pk>/", profiles.profile_detail, name="profile_detail"),
    path("personer/<id:pk>/profilbild/", profiles.avatar, name="avatar"),
    # Organisations and commitments
    path("organisationer/", organisations.organisation_list, name="organisation_list"),
    path("organisationer/ny/", organisations.organisation_create, name="organisation_create"),
    # The invitation e-mail's link; "inbjudan" is reserved in services.organisations.RESERVED_SLUGS.
    path(
        "organisationer/inbjudan/<str:token>/",
        organisations.invitation_landing,
        name="invitation",
    ),
    path(
        "organisationer/<slug:slug>/", organisations.organisation_detail, name="organisation_detail"
    ),
    path(
        "organisationer/<slug:slug>/redigera/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisationer/<slug:slug>/medlemmar/",
        organisations.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisationer/<slug:slug>/medlemmar/<id:membership_id>/",
        organisations.organisation_member_change,
        name="organisation_member_change",
    ),
    path(
        "organisationer/<slug:slug>/inbjudningar/<id:invitation_id>/dra-tillbaka/",
        organisations.organisation_invitation_withdraw,
        name="organisation_invitation_withdraw",
    ),
    path(
        "organisationer/<slug:slug>/lamna/",
        organisations.organisation_leave,
        name="organisation_leave",
    ),
    path(
        "organisationer/<slug:slug>/verifiera/",
        organisations.organisation_verify,
        name="organisation_verify",
    ),
    path("utmaningar-delta/<id:challenge_id>/", commitments.challenge_join, name="challenge_join"),
    path(
        "atagande/<id:pk>/aterkalla/", commitments.commitment_withdraw, name="commitment_withdraw"
    ),
]
