"""Secrets: kept in the OS keyring only, never in files, logs or the database."""
