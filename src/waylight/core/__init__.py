"""The pure core of Waylight.

Nothing in here imports a web framework, a database driver or Spark: the shells (command line,
web app, batch) import the core, never the other way round. `tests/test_core_purity.py` holds
that line.

Modules, one idea each:

- `content`: opens and validates the data files under `waylight/content/`.
- `kb`, `search`: the knowledge base (capability C1) and search in everyday words.
- `instruments`, `scoring`, `rules`, `observer`: questionnaires, their scoring and bands, the hard
  triggers, and the "worried about someone" checklist (C2).
- `resources`: the crisis-line directory and emergency numbers (C3).
- `assess`: the one entry point every shell calls to turn answers into a result.
- `safety`: safe-messaging and method-detail checks over any text Waylight ships or prints.
- `doctor`: health checks over the content.
- `textrisk`: the explainable text detector (C6).
"""
