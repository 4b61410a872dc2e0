"""The assessment wizard: from a client to a screened, saved and signed consultation."""
