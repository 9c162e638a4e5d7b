"""Defences against floods of requests that identify no one: nothing here knows about HTTP or stores an address."""
