"""Attachments on ideas (issue 14): checked by content, stored privately under a random name,
served only to those who may see the idea, listed on the page, in the admin and in "Mina
data", removed by their authors and with deleted drafts. And the idea's image, which used to
be public under MEDIA_URL even for drafts."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from people.services.privacy import account_delete, user_data
from projects.attachments import check_upload, display_name
from projects.models import Idea, IdeaAttachment, IdeaStatus
from projects.services import ideas as services
from tests.factories import challenges as challenge_pages
from tests.factories.ideas import IdeaFactory, accepted_coauthor
from tests.factories.people import ProfileFactory, login, signed_in, staff_user
from umecom.roles import INNOVATION_TEAM, MODERATORS

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def image_bytes(fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, fmt)
    return buffer.getvalue()


def ooxml(main_part: str, *extra: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        for name in extra:
            archive.writestr(name, b"macros")
    return buffer.getvalue()


def odf(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


GOOD = [
    ("plan.pdf", PDF, "application/pdf"),
    ("Budget.xlsx", ooxml("xl/workbook.xml"), "spreadsheetml.sheet"),
    ("brev.docx", ooxml("word/document.xml"), "wordprocessingml.document"),
    ("bilder.pptx", ooxml("ppt/presentation.xml"), "presentationml.presentation"),
    ("text.odt", odf("application/vnd.oasis.opendocument.text"), "opendocument.text"),
    ("kalkyl.ods", odf("application/vnd.oasis.opendocument.spreadsheet"), "spreadsheet"),
    ("show.odp", odf("application/vnd.oasis.opendocument.presentation"), "presentation"),
    ("karta.png", image_bytes("PNG"), "image/png"),
    ("foto.JPG", image_bytes("JPEG"), "image/jpeg"),
    ("anteckning.txt", "Hej på er, Umeå!\n".encode(), "text/plain"),
    ("lista.csv", b"namn;antal\nSara;3\n", "text/csv"),
]
BAD = [
    ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),  # a Windows program renamed
    ("plan.txt", PDF),  # a PDF that says it is text
    ("brev.docx", ooxml("xl/workbook.xml")),  # a workbook that says it is a letter
    ("arkiv.docx", b"PK\x03\x04 not really a zip"),
    ("makro.docx", ooxml("word/document.xml", "word/vbaProject.bin")),  # a .docm renamed
    ("text.odt", odf("application/x-something-else")),
    ("bild.png", b"\x89PNG\r\n\x1a\n" + b"broken" * 20),  # PNG signature, broken image
    ("bild.jpg", image_bytes("PNG")),
    ("skript.html", b"<script>alert(1)</script>"),
    ("utan-andelse", b"hej"),
    ("tom.txt", b""),
    ("binar.txt", b"abc\x00\x01\x02def"),
]


@pytest.mark.parametrize(("name", "content", "kind"), GOOD)
def test_allowed_types_pass_the_content_check(name, content, kind):
    checked = check_upload(upload(name, content))
    assert kind in checked.content_type
    assert checked.size == len(content) and checked.display_name == name
    assert name.rsplit(".", 1)[0] not in checked.storage_name()


@pytest.mark.parametrize(("name", "content"), BAD)
def test_files_whose_content_disagrees_are_refused_by_name(name, content):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content))
    assert name in refused.value.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IDEA_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("stor.pdf", PDF + b" " * 200))
    assert "större än 100" in refused.value.messages[0]


def test_display_names_lose_folders_and_control_characters():
    assert display_name("C:\\Users\\anna\\plan.pdf") == "plan.pdf"
    assert display_name("../../etc/passwd.txt") == "passwd.txt"
    assert display_name("a\x00b\nc.pdf") == "abc.pdf"
    assert len(display_name("x" * 300 + ".pdf")) == 120
    assert display_name(".pdf") == "pdf"


# --- over HTTP -------------------------------------------------------------------------------


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Mötesplatser för unga", plan="open")


@pytest.fixture
def author(client):
    return signed_in(client, "Sara")


def propose(client, challenge, files, **data):
    fields = {
        "title": "Kvällsöppen skolgård",
        "summary": "Öppna skolgården för unga.",
        "description": "Min långa beskrivning",
        "similar_checked": "1",
        "action": "draft",
        "attachments": files,
    }
    fields.update(data)
    return client.post(reverse("projects:idea_propose", args=[challenge.pk]), fields)


def test_an_author_proposes_with_attachments_stored_privately(client, challenge, author, settings):
    response = propose(
        client, challenge, [upload("Plan för skolgården.pdf", PDF), upload("lista.csv", b"a;b\n")]
    )
    assert response.status_code == 302
    idea = Idea.objects.get(author=author)
    pdf, csv = idea.attachments.order_by("name")
    assert (pdf.name, pdf.size, pdf.content_type) == (
        "Plan för skolgården.pdf",
        len(PDF),
        "application/pdf",
    )
    assert csv.content_type.startswith("text/csv")
    path = Path(pdf.file.path)
    assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert "Plan" not in path.name and path.suffix == ".pdf"
    html = client.get(reverse("projects:idea_detail", args=[idea.pk])).content.decode()
    assert "Plan för skolgården.pdf" in html and "PDF" in html


def test_a_refused_file_is_named_and_the_text_is_kept(client, challenge, author):
    response = propose(
        client,
        challenge,
        [upload("plan.pdf", PDF), upload("virus.pdf", b"MZ\x90\x00" * 10)],
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kvällsöppen skolgård" in html and "Min långa beskrivning" in html
    assert "”virus.pdf” kunde inte läggas till" in html
    assert "Välj bilagorna igen" in html
    assert not Idea.objects.exists() and not IdeaAttachment.objects.exists()


def test_more_than_the_allowed_number_of_files_is_refused(client, challenge, author, settings):
    settings.IDEA_ATTACHMENT_MAX_COUNT = 2
    files = [upload(f"del-{n}.pdf", PDF) for n in range(3)]
    html = propose(client, challenge, files).content.decode()
    assert "högst 2 bilagor" in html
    assert not Idea.objects.exists()


def test_english_visitors_get_the_refusal_in_english(client, challenge, author):
    url = "/en" + reverse("projects:idea_propose", args=[challenge.pk])
    response = client.post(
        url,
        {
            "title": "Evening schoolyard",
            "summary": "Open it.",
            "similar_checked": "1",
            "attachments": [upload("virus.pdf", b"MZ" * 10)],
        },
    )
    html = response.content.decode()
    assert "”virus.pdf” could not be added" in html
    assert "Evening schoolyard" in html


@pytest.fixture
def draft(challenge, author):
    idea = IdeaFactory(challenge=challenge, author=author, status=IdeaStatus.DRAFT)
    services.idea_update(
        idea=idea,
        by=author,
        title=idea.title,
        summary=idea.summary,
        attachments=[check_upload(upload('<img src=x onerror="alert(1)">.pdf', PDF))],
    )
    return idea


def _download(client, idea):
    attachment = idea.attachments.get()
    return client.get(reverse("projects:attachment", args=[idea.pk, attachment.pk]))


def test_a_draft_attachment_reaches_only_authors_and_the_team(client, draft, author):
    response = _download(client, draft)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert "private" in response["Cache-Control"]
    coauthor = accepted_coauthor(draft).user
    team = staff_user(INNOVATION_TEAM)
    for user, status in [
        (coauthor, 200),
        (team, 200),
        (staff_user(MODERATORS), 404),
        (ProfileFactory().user, 404),
    ]:
        client.logout()
        login(client, user)
        assert _download(client, draft).status_code == status
    client.logout()
    assert _download(client, draft).status_code == 404
    Idea.objects.filter(pk=draft.pk).update(status=IdeaStatus.PUBLISHED)
    assert _download(client, draft).status_code == 200


def test_an_attachment_of_another_idea_is_not_found(client, draft, challenge):
    other = IdeaFactory(challenge=challenge)
    attachment = draft.attachments.get()
    url = reverse("projects:attachment", args=[other.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_hostile_file_names_are_escaped_on_the_page(client, draft):
    html = client.get(reverse("projects:idea_detail", args=[draft.pk])).content.decode()
    assert 'onerror="alert(1)"' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.pdf" in html


@pytest.mark.parametrize("bad", ["0", "-1", "9223372036854775808", "1" * 40, "abc"])
def test_attachment_urls_answer_404_to_bad_ids(client, draft, bad):
    attachment = draft.attachments.get()
    for name in ["attachment", "attachment_delete"]:
        good = reverse(f"projects:{name}", args=[draft.pk, attachment.pk])
        for path in (
            good.replace(f"/{draft.pk}/", f"/{bad}/", 1),
            good.replace(f"/{attachment.pk}/", f"/{bad}/"),
        ):
            # The method check of a one-method URL may answer first; no view runs.
            assert client.get(path).status_code in (404, 405), path
            assert client.post(path).status_code in (404, 405), path


def test_the_author_removes_an_attachment_and_its_file(
    client, draft, django_capture_on_commit_callbacks
):
    attachment = draft.attachments.get()
    path = Path(attachment.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("projects:attachment_delete", args=[draft.pk, attachment.pk])
        )
    assert response.status_code == 302
    assert not IdeaAttachment.objects.exists() and not path.exists()


def test_others_cannot_remove_an_attachment(client, draft):
    attachment = draft.attachments.get()
    url = reverse("projects:attachment_delete", args=[draft.pk, attachment.pk])
    client.logout()
    login(client, ProfileFactory().user)
    assert client.post(url).status_code == 404
    Idea.objects.filter(pk=draft.pk).update(status=IdeaStatus.PUBLISHED)
    assert client.post(url).status_code == 403
    assert IdeaAttachment.objects.filter(pk=attachment.pk).exists()


def test_editing_removes_and_adds_attachments(client, draft, django_capture_on_commit_callbacks):
    old = draft.attachments.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("projects:idea_edit", args=[draft.pk]),
            {
                "title": "Ny rubrik",
                "summary": "Ny sammanfattning",
                "action": "draft",
                "remove_attachments": [old.pk],
                "attachments": [upload("karta.png", image_bytes())],
            },
        )
    assert response.status_code == 302
    assert [a.name for a in draft.attachments.all()] == ["karta.png"]
    assert not Path(old.file.path).exists()


def test_mina_data_lists_attachments_and_account_deletion_removes_draft_files(
    draft, author, django_capture_on_commit_callbacks
):
    data = user_data(user=author)
    [exported] = [i for i in data["ideas"] if i["title"] == draft.title]
    [item] = exported["attachments"]
    assert item["name"].endswith(".pdf") and item["size"] == len(PDF)
    path = Path(draft.attachments.get().file.path)
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=author)
    assert not path.exists() and not IdeaAttachment.objects.exists()


def test_deleting_a_draft_deletes_its_files(client, draft, django_capture_on_commit_callbacks):
    path = Path(draft.attachments.get().file.path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("projects:idea_delete", args=[draft.pk]))
    assert not Idea.objects.filter(pk=draft.pk).exists() and not path.exists()


def test_the_admin_inspect_and_review_pages_list_attachments(client, draft):
    Idea.objects.filter(pk=draft.pk).update(status=IdeaStatus.SUBMITTED)
    client.logout()
    login(client, staff_user(INNOVATION_TEAM))
    link = reverse("projects:attachment", args=[draft.pk, draft.attachments.get().pk])
    for url in (
        reverse("ideer:inspect", args=[draft.pk]),
        reverse("ideer:review", args=[draft.pk]),
    ):
        html = client.get(url).content.decode()
        assert link in html and "&lt;img" in html and "<img src=x" not in html


# --- the idea's image ------------------------------------------------------------------------


def test_a_drafts_image_is_not_public(client, challenge, author, settings):
    upload_image = SimpleUploadedFile("gard.png", image_bytes(), "image/png")
    propose(client, challenge, [], image=upload_image, image_alt="En skolgård")
    idea = Idea.objects.get(author=author)
    assert not str(Path(idea.image.path)).startswith(str(settings.MEDIA_ROOT))
    assert client.get(settings.MEDIA_URL + idea.image.name).status_code == 404
    assert client.get(idea.image_url).status_code == 200
    client.logout()
    assert client.get(idea.image_url).status_code == 404
    login(client, ProfileFactory().user)
    assert client.get(idea.image_url).status_code == 404


def test_a_public_ideas_image_shows_on_cards_and_is_cacheable(client, challenge, author):
    idea = IdeaFactory(
        challenge=challenge,
        image=SimpleUploadedFile("gard.png", image_bytes(), "image/png"),
        image_alt="En skolgård",
    )
    client.logout()
    html = client.get(reverse("projects:idea_list", args=[challenge.pk])).content.decode()
    assert idea.image_url.replace("&", "&amp;") in html or idea.image_url in html
    response = client.get(idea.image_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"].startswith("public")


def test_the_migration_moves_existing_images_out_of_media(settings, challenge):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("projects.migrations.0002_idea_attachments_private_images")
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.DRAFT)
    Idea.objects.filter(pk=idea.pk).update(image="ideas/gammal.png")
    old = Path(settings.MEDIA_ROOT) / "ideas" / "gammal.png"
    old.parent.mkdir(parents=True)
    old.write_bytes(image_bytes())
    migration.move_images_out_of_media(apps, None)
    assert not old.exists()
    assert (
        Path(settings.PRIVATE_MEDIA_ROOT) / "ideas" / "gammal.png"
    ).read_bytes() == image_bytes()
    assert Idea.objects.get(pk=idea.pk).image.name == "ideas/gammal.png"
