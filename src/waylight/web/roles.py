"""Roles are Django groups, made by a migration so every database has them.

An account made by a person for themselves is in PERSON. The professional workspace adds what
SUPPORTER, PROFESSIONAL and ADMIN may see and do; the groups exist from the start so that no
later migration has to sort existing accounts into roles.
"""

from __future__ import annotations

PERSON = "person"
SUPPORTER = "supporter"
PROFESSIONAL = "professional"
ADMIN = "admin"
ROLES = (PERSON, SUPPORTER, PROFESSIONAL, ADMIN)
