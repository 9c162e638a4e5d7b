"""Backups of a running instance: `kua backup create` and `kua backup restore` (docs/operations.md#backups).

A backup is one age file. Inside, a tar archive holds the database (a SQLite online-backup snapshot,
or a `pg_dump --format=custom`), every object of the blob store, the VAPID key if there is one, and
`manifest.json`, which names each of them with its SHA-256. The database is copied first and the
objects after it: an object is written before the row naming it commits and is never changed, so
every object the database copy names is in the backup.

The backup is sealed to the reviewers of the newest published recipient list (the recipients every
report is already sealed to, signed by the root-key holders; see `recipients.py`) and to any extra
recipient the operator names. Plaintext exists only in a private temporary folder (0700) inside the
data folder, removed when the command ends; a restore checks every SHA-256 before it writes anything.
"""
