"""The innovation team's and the moderators' work on ideas in the Wagtail admin.

policy.py: who may look (both) and who may act (each their part), deferring to
projects/permissions.py. review.py: the queue with filters, search, bulk actions and export,
and the per-idea review. moderation.py: flagged ideas. projects/wagtail_hooks.py only registers.
"""
