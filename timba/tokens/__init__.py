"""API bearer tokens: issued for a username and password, stored only as a SHA-256 hash."""
