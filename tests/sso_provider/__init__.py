"""A real OpenID Connect provider for the single sign-on tests, run on loopback.

A tiny Django project around django-oidc-provider (PyPI, `dev` extra) with its own settings
and SQLite database. `ProviderProcess` (process.py) starts it as a subprocess on 127.0.0.1 with
a port the kernel picks, and Umecom talks to it over real HTTP: discovery, authorisation,
token and userinfo endpoints, exactly as it would talk to the municipality's provider.
"""
