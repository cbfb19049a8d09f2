from django.urls import path

import umecom.converters  # noqa: F401 - registers <id:…>

from .views import files, ideas, lists

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
]
