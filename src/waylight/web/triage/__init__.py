"""The triage queue (SPEC C8): platforms send posts through the API, reviewers read them.

Its own Django app (label `waylight_triage`, own migrations), beside the main web app:

    models.py      ApiKey, AuthorTimeline, QueuedPost, Decision, WebhookDelivery
    tokens.py      API keys and webhook secrets: made, shown once, kept as hashes / ciphertext
    access.py      the `reviewer` group and the check every queue page makes
    auth.py        the API's key check (401) and per-key rate limit (429)
    api.py         /api/queue/... (a django-ninja router on the main API)
    services/      writes: ingest (detector, queue, early warning), decisions, keys,
                   retention (purge), webhooks (signed, sent in the background)
    selectors.py   reads: the queue, one post with its evidence and author, the exports
    highlight.py   a text cut into plain and highlighted pieces, escaped by the template
    views.py       thin: queue pages, decisions, downloads (server-rendered, no JavaScript)
    admin.py       keys in the Django admin (the key is shown once, on the page that made it)

No clinical logic lives here: the detector reads every post through `waylight.core.scan`, the
early warning is `waylight.core.early_warning`, and the queue's order and the false-alarm
reasons are `waylight.core.triage`. docs/batch.md, "Triage queue", describes it in full.
"""
