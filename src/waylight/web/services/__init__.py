"""Writes: every change to stored data goes through a function here (views stay thin).

- `guard.write_guard()`: turns a failed write (database locked past the busy timeout,
  read-only folder, full disk, no keys) into `WriteFailed`, which the web answers with 503 and
  the form again.
- `erase.erase()`: deletes rows so that nothing readable is left in any database file.
- `devices`, `plans`, `results`: the writes of each kind of data; `journal` (check-ins, urges
  ridden out, My space preferences) and `accounts` (made, brought in, deleted) for Recover.
- `rotation.reencrypt_all()`: rewrites every encrypted row with the newest key.
"""
