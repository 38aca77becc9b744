"""The local store: SQLAlchemy models, engine set-up, migrations and the unit of work."""
