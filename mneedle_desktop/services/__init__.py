"""Use cases: what the GUI and the CLI can do to the store. No Qt here."""
