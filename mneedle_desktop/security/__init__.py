"""Keys and encryption for data at rest: password-derived keys, the clinic data key, and
authenticated encryption of stored values. Plain Python over ``cryptography``; no Qt, no
sqlite3."""
