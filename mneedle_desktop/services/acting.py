"""Who is signed in: the practitioner every action and audit entry is recorded under."""

from mneedle_desktop.domain.accounts import Account

SYSTEM_ACTOR = "system"


class NotSignedInError(PermissionError):
    def __init__(self) -> None:
        super().__init__("Sign in first.")


class NotAllowedError(PermissionError):
    """The signed-in practitioner may not do this (only the owner may)."""


class Acting:
    """The signed-in practitioner, if any. Set by ``AccountService`` at sign-in and cleared
    when the app locks."""

    def __init__(self) -> None:
        self.account: Account | None = None

    @property
    def actor(self) -> str:
        return self.account.id if self.account else SYSTEM_ACTOR

    def require(self) -> Account:
        if self.account is None:
            raise NotSignedInError()
        return self.account

    def require_owner(self) -> Account:
        account = self.require()
        if not account.is_owner:
            raise NotAllowedError("Only the clinic's owner account can do this.")
        return account
