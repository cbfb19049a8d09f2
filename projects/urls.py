from django.urls import path

import umecom.converters  # noqa: F401 - registers <id:…>

from .views import files, ideas, lists, matchmaking, teams

app_name = "projects"

urlpatterns = [
    path("ideer/mina/", ideas.my_ideas, name="my_ideas"),
    path("ideer/liknande/", ideas.similar, name="similar"),
    path("ideer/utmaning/<id:challenge_id>/", lists.idea_list, name="idea_list"),
    path("ideer/utmaning/<id:challenge_id>/ny/", ideas.idea_propose, name="idea_propose"),
    path("ideer/utmaning/<id:challenge_id>/folj/", ideas.challenge_follow, name="challenge_follow"),
    path("ideer/<id:pk>/", ideas.idea_detail, name="idea_detail"),
    path("ideer/<id:pk>/redigera/", ideas.idea_edit, name="idea_edit"),
    path("ideer/<id:pk>/skicka-in/", ideas.idea_submit, name="idea_submit"),
    path("ideer/<id:pk>/ta-bort/", ideas.idea_delete, name="idea_delete"),
    path("ideer/<id:pk>/stod/", ideas.idea_support, name="idea_support"),
    path("ideer/<id:pk>/folj/", ideas.idea_follow, name="idea_follow"),
    path("ideer/<id:pk>/anmal/", ideas.idea_flag, name="idea_flag"),
    path("ideer/<id:pk>/medforfattare/", ideas.coauthor_invite, name="coauthor_invite"),
    path("ideer/<id:pk>/medforfattare/svar/", ideas.coauthor_answer, name="coauthor_answer"),
    path("ideer/<id:pk>/bild/", files.idea_image, name="idea_image"),
    path("ideer/<id:pk>/bilagor/<id:attachment_id>/", files.attachment, name="attachment"),
    path(
        "ideer/<id:pk>/bilagor/<id:attachment_id>/ta-bort/",
        files.attachment_delete,
        name="attachment_delete",
    ),
    path("ideer/<id:idea_id>/starta-projekt/", teams.project_from_idea, name="project_from_idea"),
    # Project teams (issue 15). /projekt/<id>/forslag/ and /teambyggare/ are the matchmaking's.
    path("mina-projekt/", teams.my_projects, name="my_projects"),
    path("projekt/for-dig/", matchmaking.for_you, name="for_you"),
    path("projekt/for-dig/forslag/", matchmaking.findable_switch, name="findable_switch"),
    path("projekt/<id:pk>/forslag/", matchmaking.suggestions, name="suggestions"),
    path(
        "projekt/<id:pk>/forslag/bjud-in/", matchmaking.suggestion_invite, name="suggestion_invite"
    ),
    path("projekt/<id:pk>/teambyggare/", matchmaking.team_builder, name="team_builder"),
    path("projekt/<id:pk>/", teams.project_detail, name="project_detail"),
    path("projekt/<id:pk>/andra/", teams.project_edit, name="project_edit"),
    path("projekt/<id:pk>/ga-med/", teams.project_join, name="project_join"),
    path("projekt/<id:pk>/lamna/", teams.project_leave, name="project_leave"),
    path("projekt/<id:pk>/status/", teams.project_status, name="project_status"),
    path("projekt/<id:pk>/projektledare/", teams.lead_hand_over, name="lead_hand_over"),
    path("projekt/<id:pk>/roller/ny/", teams.role_add, name="role_add"),
    path("projekt/<id:pk>/roller/<id:role_id>/stang/", teams.role_close, name="role_close"),
    path(
        "projekt/<id:pk>/forfragningar/<id:request_id>/svar/",
        teams.request_answer,
        name="request_answer",
    ),
    path(
        "projekt/<id:pk>/forfragningar/<id:request_id>/aterkalla/",
        teams.request_withdraw,
        name="request_withdraw",
    ),
    path(
        "projekt/<id:pk>/inbjudningar/<id:invitation_id>/svar/",
        teams.invitation_answer,
        name="invitation_answer",
    ),
    path(
        "projekt/<id:pk>/inbjudningar/<id:invitation_id>/aterkalla/",
        teams.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("projekt/<id:pk>/partner/", teams.partner_offer, name="partner_offer"),
    path("projekt/<id:pk>/partner/fraga/", teams.partner_propose, name="partner_propose"),
    path(
        "projekt/<id:pk>/partner/<id:partner_id>/svar/",
        teams.partner_answer,
        name="partner_answer",
    ),
]
