"""Plain-Python core: models, validation and clinical rules. No Qt, no sqlite3, no reportlab."""
