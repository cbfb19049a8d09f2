"""The innovation team's view of people, organisations and commitments in the Wagtail admin.

Three ModelViewSets in one "Deltagare" menu (profiles, organisations, commitments), a permission
policy that defers to people/permissions.py, per-object actions (verify an organisation, answer
a commitment) and a dashboard panel. people/wagtail_hooks.py only registers these with Wagtail.

Data minimisation: no listing or export shows e-mail addresses except the commitment export,
because the innovation team needs a way to reach the people who joined a challenge.

Not Django's admin: django.contrib.admin is not installed, so nothing autodiscovers this
package as an `admin` module; it is imported from people/wagtail_hooks.py only.
"""
