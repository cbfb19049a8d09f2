"""Demo content for `manage.py load_demo`: texts, generated images and the loader itself.

All texts are written for Umecom from public facts about Umeå (see /work/shared/seeds); no
sentence is copied from the sources, and quotes are attributed to roles, not to real people.
"""
