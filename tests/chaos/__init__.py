"""Chaos: phones syncing through a faulty network to a server killed with `kill -9` (docs/reliability.md)."""
