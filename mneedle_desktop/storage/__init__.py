"""SQLite adapter: the only package that imports sqlite3 or holds SQL."""
