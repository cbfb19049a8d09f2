"""Staff groups, their permissions and the publishing workflow, the same in every environment.

- Redaktörer (editors) write and edit challenges and submit them for approval; they cannot publish.
- Innovationsteamet approves and publishes, curates themes and districts, manages media and
  verifies organisations.
- Moderatorer moderate what members submit; they may draft pages but not publish.

Wagtail's own default "Editors"/"Moderators" groups and its "Moderators approval" workflow are
removed so that only these roles exist. Group names are copied from umecom/roles.py on purpose:
a migration must not import app code that may change after it has run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INNOVATION_TEAM = "Innovationsteamet"
MODERATORS = "Moderatorer"
EDITORS = "Redaktörer"

WORKFLOW_NAME = "Publicering av utmaningar"
TASK_NAME = "Godkännande av innovationsteamet"

WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

# Page permissions granted on the tree root (so they cover every page).
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    INNOVATION_TEAM: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    MODERATORS: ["add_page", "change_page"],
}
# Image/document permissions granted on the root collection.
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "image", ["add_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "choose_document"]),
    ],
    INNOVATION_TEAM: [
        ("wagtailimages", "image", ["add_image", "change_image", "delete_image", "choose_image"]),
        (
            "wagtaildocs",
            "document",
            ["add_document", "change_document", "delete_document", "choose_document"],
        ),
    ],
    MODERATORS: [
        ("wagtailimages", "image", ["choose_image"]),
        ("wagtaildocs", "document", ["choose_document"]),
    ],
}
PEOPLE_VIEW_CHANGE = [
    ("people", model, [f"view_{model}", f"change_{model}"])
    for model in ("organisation", "commitment", "profile")
]
# Model-level (auth) permissions.
MODEL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "admin", ["access_admin"])],
    INNOVATION_TEAM: [
        ("wagtailadmin", "admin", ["access_admin"]),
        ("taxonomy", "theme", ["add_theme", "change_theme", "delete_theme", "view_theme"]),
        (
            "taxonomy",
            "district",
            ["add_district", "change_district", "delete_district", "view_district"],
        ),
        *PEOPLE_VIEW_CHANGE,
    ],
    MODERATORS: [("wagtailadmin", "admin", ["access_admin"]), *PEOPLE_VIEW_CHANGE],
}


def _ensure_permissions(apps):
    """Permissions are normally created after all migrations (post_migrate); create them now."""
    for label in (
        "wagtailcore",
        "wagtailadmin",
        "wagtailimages",
        "wagtaildocs",
        "taxonomy",
        "people",
    ):
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # as wagtailcore 0086 does: mark the state app as loaded
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def _permissions(apps, specs):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model, codenames in specs:
        content_type = ContentType.objects.get(app_label=app_label, model=model)
        perms = list(Permission.objects.filter(content_type=content_type, codename__in=codenames))
        missing = set(codenames) - {p.codename for p in perms}
        if missing:
            raise RuntimeError(f"Permissions missing for {app_label}.{model}: {sorted(missing)}")
        found.extend(perms)
    return found


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    ContentType = apps.get_model("contenttypes", "ContentType")

    _ensure_permissions(apps)

    # Wagtail's defaults first, so that only our roles can edit or approve anything.
    default_workflows = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW)
    Task.objects.filter(
        name=WAGTAIL_DEFAULT_WORKFLOW, workflow_tasks__workflow__in=default_workflows
    ).delete()
    WorkflowPage.objects.filter(workflow__in=default_workflows).delete()
    default_workflows.delete()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    groups = {}
    for name in (EDITORS, INNOVATION_TEAM, MODERATORS):
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*_permissions(apps, MODEL_PERMISSIONS[name]))
        if root_page is not None:
            for perm in _permissions(apps, [("wagtailcore", "page", PAGE_PERMISSIONS[name])]):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=perm
                )
        if root_collection is not None:
            for perm in _permissions(apps, COLLECTION_PERMISSIONS[name]):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.set([groups[INNOVATION_TEAM]])

    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page is not None:
        # WorkflowPage's primary key is the page: one workflow per page.
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_groups_and_workflow(apps, schema_editor):
    """Delete what this migration created. Wagtail's removed defaults are not brought back."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")

    workflows = Workflow.objects.filter(name=WORKFLOW_NAME)
    WorkflowPage.objects.filter(workflow__in=workflows).delete()
    workflows.delete()
    Task.objects.filter(name=TASK_NAME).delete()
    # Cascades to GroupPagePermission and GroupCollectionPermission rows.
    Group.objects.filter(name__in=[EDITORS, INNOVATION_TEAM, MODERATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("taxonomy", "0001_initial"),
        ("people", "0003_commitment_language"),
    ]

    operations = [
        migrations.RunPython(create_groups_and_workflow, remove_groups_and_workflow),
    ]
