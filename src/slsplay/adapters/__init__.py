"""Implementations of the ports: ``local`` (embedded parts) and ``aws`` (AWS services)."""
