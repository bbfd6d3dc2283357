"""Adapters on embedded parts: SQLite, files, a local mailbox."""
