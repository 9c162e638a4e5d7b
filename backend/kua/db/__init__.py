"""The database: table models, engine and session, and the migrations that build the schema.

The schema is only ever built by the migrations in `migrations/`, never by `create_all`.
"""
