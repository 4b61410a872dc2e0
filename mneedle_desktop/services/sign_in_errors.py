"""Why signing in failed, as the sign-in window shows it (kept apart from the account
service, which loads the key derivation, the keys and the audit trail: the window needs
only these until someone signs in)."""


class SignInError(Exception):
    """Signing in failed; ``str()`` is the message to show."""


class AccountLockedError(SignInError):
    pass


class NoSuchAccountError(SignInError):
    """No account has the user name given (recovery says so; signing in does not)."""
