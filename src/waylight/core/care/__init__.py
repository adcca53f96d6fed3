"""Sharing with a supporter or a professional (SPEC C7), as pure rules every shell follows.

- `consent`: what a person may share, who may do what with it (`allows`), invitation choices.
- `flags`: which flags a person's results and check-ins raise for a professional to act on.
- `audit`: the hash chain that makes the audit log's edits and deletions detectable.
- `fhir`: questionnaire results as FHIR R4 resources with LOINC codes.

Nothing here touches a database or the web: the web pages, the API and the exports all ask
these functions, so one rule decides everywhere.
"""
