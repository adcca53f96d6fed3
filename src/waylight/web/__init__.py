"""Waylight's web shell: a Django project and app over the core (see docs/web.md)."""
