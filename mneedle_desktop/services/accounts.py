"""Accounts and signing in: the owner, practitioners, passwords, locking and recovery.

Signing in unwraps the clinic data key with the practitioner's password; locking forgets
it. Nothing about a client can be read in between.
"""

import logging
from dataclasses import replace
from datetime import datetime

from mneedle_desktop.domain.accounts import (
    Account,
    LockoutPolicy,
    Role,
    password_problem,
    validate_new_account,
)
from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.clinic import (
    ClinicProfile,
    PractitionerProfile,
    validate_clinic,
    validate_practitioner,
)
from mneedle_desktop.domain.clock import Clock
from mneedle_desktop.domain.ids import ClinicId, PractitionerId, new_uuid
from mneedle_desktop.domain.validation import FieldError, ValidationError
from mneedle_desktop.security.kdf import OWASP_SCRYPT, KdfParams, derive_key, new_salt
from mneedle_desktop.security.keys import (
    WrongKeyError,
    format_recovery_key,
    new_data_key,
    new_recovery_secret,
    parse_recovery_key,
    unwrap_for_any,
    unwrap_with_password,
    unwrap_with_recovery,
    wrap_with_password,
    wrap_with_recovery,
)
from mneedle_desktop.services.acting import Acting, NotAllowedError
from mneedle_desktop.services.first_start import FirstStart
from mneedle_desktop.services.sign_in_errors import (
    AccountLockedError,
    NoSuchAccountError,
    SignInError,
)
from mneedle_desktop.storage.store import Store

log = logging.getLogger(__name__)

PASSWORD = "password"
RECOVERY = "recovery"
ENTITY = "practitioner"


def _wait_text(seconds: float) -> str:
    if seconds < 90:
        n = max(1, round(seconds))
        return "1 second" if n == 1 else f"{n} seconds"
    return f"{round(seconds / 60)} minutes"


class AccountService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        acting: Acting,
        *,
        kdf: KdfParams = OWASP_SCRYPT,
        lockout: LockoutPolicy | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._acting = acting
        self._kdf = kdf
        self._lockout = lockout or LockoutPolicy()
        self._data_key: bytes | None = None
        self.locked_account: Account | None = None  # who was signed in when the app locked

    # --- state -------------------------------------------------------------------------

    @property
    def current(self) -> Account | None:
        return self._acting.account

    def needs_owner(self) -> bool:
        """True before the clinic's data key exists (see ``FirstStart.needs_owner``)."""
        return FirstStart(self._store).needs_owner()

    def accounts(self) -> list[Account]:
        self._acting.require()
        with self._store.read() as s:
            return [a for a in s.accounts.all() if a.username]

    # --- first run -----------------------------------------------------------------------

    def create_owner(
        self,
        clinic: ClinicProfile | None,
        profile: PractitionerProfile,
        username: str,
        password: str,
        repeated: str | None = None,
        *,
        for_signing: bool = True,
    ) -> str:
        """Create the owner account (and the clinic's details), generate the clinic data key
        and the recovery key, encrypt anything an earlier version stored in the clear, and
        sign the owner in. Returns the recovery key, to be shown once."""
        errors: list[FieldError] = []
        valid_clinic = None
        if clinic is not None:
            try:
                valid_clinic = validate_clinic(clinic)
            except ValidationError as e:
                errors.extend(e.errors)
        try:
            valid_profile, name = validate_new_account(
                profile, username, password, repeated, for_signing=for_signing
            )
        except ValidationError as e:
            errors.extend(e.errors)
        if errors:
            raise ValidationError(errors)
        if not self.needs_owner():
            raise NotAllowedError("This clinic already has an owner account and a data key.")

        data_key = new_data_key()
        recovery = new_recovery_secret()
        with self._store.write() as s:
            earlier = [a for a in s.accounts.all() if not a.username]
            if earlier:
                pid = earlier[0].id
                s.accounts.make_owner(pid, name, valid_profile, at=s.at, device_id=s.device_id)
            else:
                pid = PractitionerId(new_uuid())
                account = Account(pid, name, Role.OWNER, valid_profile)
                s.accounts.insert(account, at=s.at, device_id=s.device_id)
            binding = f"{pid}:{Role.OWNER.value}"
            s.accounts.put_wrap(
                PASSWORD,
                pid,
                wrap_with_password(data_key, password, binding, self._kdf),
                at=s.at,
            )
            s.accounts.put_wrap(RECOVERY, "", wrap_with_recovery(data_key, recovery), at=s.at)
            if valid_clinic is not None:
                existing = s.clinic.clinic()
                if existing is None:
                    s.clinic.insert_clinic(
                        ClinicId(new_uuid()), valid_clinic, at=s.at, device_id=s.device_id
                    )
                else:
                    s.clinic.update_clinic(
                        existing.id, valid_clinic, at=s.at, device_id=s.device_id
                    )
            s.record(AuditEvent(pid, AuditAction.SETUP, ENTITY, pid, "owner account created"))
        self._open(data_key, pid)
        with self._store.write() as s:
            moved = s.clients.encrypt_legacy_rows()
            if moved:
                s.record(
                    AuditEvent(pid, AuditAction.UPDATE, "client", "*", f"encrypted {moved} rows")
                )
        if moved:
            self._store.checkpoint()
        log.info("owner account created")
        return format_recovery_key(recovery)

    # --- signing in and out ---------------------------------------------------------------

    def sign_in(self, username: str, password: str, *, unlocking: bool = False) -> Account:
        name = username.strip().lower()
        now = self._clock.now()
        with self._store.read() as s:
            account = s.accounts.by_username(name) if name else None
            wrapped = s.accounts.wrap(PASSWORD, account.id) if account else None
        if account is None or wrapped is None or account.disabled:
            # Spend the same effort as a real attempt, so timing does not reveal names.
            derive_key(password, new_salt(), self._kdf)
            with self._store.write() as s:
                s.record(
                    AuditEvent(
                        account.id if account else "system",
                        AuditAction.LOGIN_FAILED,
                        ENTITY,
                        account.id if account else "",
                        "account disabled" if account and account.disabled else "unknown user",
                    )
                )
            if account is not None and account.disabled:
                raise SignInError("This account has been disabled. Ask the clinic's owner.")
            raise SignInError("The user name or password is not right.")
        if account.locked_until is not None and now < account.locked_until:
            wait = (account.locked_until - now).total_seconds()
            raise AccountLockedError(f"Too many wrong passwords. Try again in {_wait_text(wait)}.")
        other = Role.PRACTITIONER if account.is_owner else Role.OWNER
        try:
            data_key, binding = unwrap_for_any(
                wrapped, password, (account.key_binding, f"{account.id}:{other.value}")
            )
        except WrongKeyError:
            self._failed(account, now)
            raise SignInError("The user name or password is not right.") from None
        if binding != account.key_binding:
            with self._store.write() as s:
                s.record(
                    AuditEvent(
                        account.id,
                        AuditAction.LOGIN_FAILED,
                        ENTITY,
                        account.id,
                        "account role changed outside the program",
                    )
                )
            raise SignInError(
                "This account's role was changed outside MNeedle Desktop, so it cannot sign "
                "in. Ask the clinic's owner, and restore a backup."
            )
        with self._store.write() as s:
            s.accounts.record_failure(account.id, 0, None)
            action = AuditAction.UNLOCK if unlocking else AuditAction.LOGIN
            s.record(AuditEvent(account.id, action, ENTITY, account.id))
        return self._open(data_key, account.id)

    def _failed(self, account: Account, now: datetime) -> None:
        failures = account.failed_logins + 1
        policy = self._lockout
        if failures >= policy.max_failures:
            until = now + policy.lock_for
            failures = 0
            detail = "wrong password; account locked"
        else:
            until = now + policy.delay_per_failure * failures
            detail = "wrong password"
        with self._store.write() as s:
            s.accounts.record_failure(account.id, failures, until)
            s.record(AuditEvent(account.id, AuditAction.LOGIN_FAILED, ENTITY, account.id, detail))
        log.info("failed sign-in for %s", account.id)

    def _open(self, data_key: bytes, pid: str) -> Account:
        with self._store.read() as s:
            account = s.accounts.get(pid)
        assert account is not None
        self._data_key = data_key
        self._store.unlock(data_key)
        self._acting.account = account
        self.locked_account = None
        return account

    def lock(self) -> None:
        """Forget the data key and who is signed in; remember who it was for unlocking."""
        account = self._acting.account
        if account is None:
            return
        with self._store.write() as s:
            s.record(AuditEvent(account.id, AuditAction.LOCK, ENTITY, account.id))
        self._close()
        self.locked_account = account

    def sign_out(self) -> None:
        account = self._acting.account
        if account is None:
            return
        with self._store.write() as s:
            s.record(AuditEvent(account.id, AuditAction.LOGOUT, ENTITY, account.id))
        self._close()

    def forget_session(self) -> None:
        """The store was replaced (a backup restored): forget who was signed in and the
        data key, writing nothing (the account may not exist in the restored store)."""
        self._close()

    def _close(self) -> None:
        self._data_key = None
        self._store.lock()
        self._acting.account = None
        self.locked_account = None

    # --- managing accounts --------------------------------------------------------------

    def session_key(self) -> bytes:
        """The data key of the signed-in session (to finish work across a restore)."""
        return self._key()

    def _key(self) -> bytes:
        self._acting.require()
        assert self._data_key is not None
        return self._data_key

    def add_account(
        self,
        profile: PractitionerProfile,
        username: str,
        password: str,
        repeated: str | None = None,
    ) -> Account:
        owner = self._acting.require_owner()
        valid_profile, name = validate_new_account(profile, username, password, repeated)
        with self._store.read() as s:
            if s.accounts.by_username(name) is not None:
                raise ValidationError([FieldError("username", "That user name is taken.")])
        account = Account(PractitionerId(new_uuid()), name, Role.PRACTITIONER, valid_profile)
        wrapped = wrap_with_password(self._key(), password, account.key_binding, self._kdf)
        with self._store.write() as s:
            s.accounts.insert(account, at=s.at, device_id=s.device_id)
            s.accounts.put_wrap(PASSWORD, account.id, wrapped, at=s.at)
            s.record(AuditEvent(owner.id, AuditAction.CREATE, ENTITY, account.id))
        return account

    def disable(self, pid: str) -> None:
        """Stop an account signing in: its wrap of the data key is removed."""
        owner = self._acting.require_owner()
        if pid == owner.id:
            raise NotAllowedError("The owner account cannot disable itself.")
        with self._store.write() as s:
            if s.accounts.get(pid) is None:
                raise LookupError(pid)
            s.accounts.set_disabled(pid, s.at, at=s.at)
            s.accounts.delete_wrap(PASSWORD, pid)
            s.record(AuditEvent(owner.id, AuditAction.DISABLE, ENTITY, pid))

    def enable(self, pid: str, new_password: str) -> None:
        """Let a disabled account sign in again, with a new password the owner sets."""
        owner = self._acting.require_owner()
        with self._store.read() as s:
            account = s.accounts.get(pid)
        if account is None:
            raise LookupError(pid)
        self._check_password(new_password, account.username)
        wrapped = wrap_with_password(self._key(), new_password, account.key_binding, self._kdf)
        with self._store.write() as s:
            s.accounts.set_disabled(pid, None, at=s.at)
            s.accounts.record_failure(pid, 0, None)
            s.accounts.put_wrap(PASSWORD, pid, wrapped, at=s.at)
            s.record(AuditEvent(owner.id, AuditAction.ENABLE, ENTITY, pid))

    def change_password(self, current_password: str, new_password: str) -> None:
        """The signed-in practitioner's own password: only their wrap is rewritten."""
        account = self._acting.require()
        now = self._clock.now()
        with self._store.read() as s:
            wrapped = s.accounts.wrap(PASSWORD, account.id)
            stored = s.accounts.get(account.id)
        assert wrapped is not None
        if stored and stored.locked_until is not None and now < stored.locked_until:
            wait = (stored.locked_until - now).total_seconds()
            raise ValidationError(
                [
                    FieldError(
                        "current_password", f"After a wrong password, wait {_wait_text(wait)}."
                    )
                ]
            )
        try:
            unwrap_with_password(wrapped, current_password, account.key_binding)
        except WrongKeyError:
            self._failed(stored or account, now)
            raise ValidationError(
                [FieldError("current_password", "That is not your current password.")]
            ) from None
        self._check_password(new_password, account.username)
        self._rewrap(account, new_password, AuditAction.PASSWORD_CHANGE, account.id)

    def reset_password(self, pid: str, new_password: str) -> None:
        """The owner sets a new password for a practitioner who forgot theirs."""
        owner = self._acting.require_owner()
        if pid == owner.id:
            raise NotAllowedError("Change your own password with your current one.")
        with self._store.read() as s:
            account = s.accounts.get(pid)
        if account is None or account.disabled:
            raise LookupError(pid)
        self._check_password(new_password, account.username)
        self._rewrap(account, new_password, AuditAction.PASSWORD_CHANGE, owner.id)

    def recover(self, username: str, recovery_key: str, new_password: str) -> Account:
        """Every password lost: the recovery key opens the data key, a new password is set
        for ``username`` and they are signed in."""
        name = username.strip().lower()
        with self._store.read() as s:
            account = s.accounts.by_username(name)
            wrapped = s.accounts.wrap(RECOVERY, "")
        if account is None or wrapped is None:
            raise NoSuchAccountError("There is no account with that user name.")
        try:
            data_key = unwrap_with_recovery(wrapped, parse_recovery_key(recovery_key))
        except WrongKeyError as e:
            raise SignInError(f"{str(e).capitalize()}: check it and type it again.") from None
        self._check_password(new_password, account.username)
        with self._store.write() as s:
            s.accounts.set_disabled(account.id, None, at=s.at)
            s.accounts.record_failure(account.id, 0, None)
            s.accounts.put_wrap(
                PASSWORD,
                account.id,
                wrap_with_password(data_key, new_password, account.key_binding, self._kdf),
                at=s.at,
            )
            s.record(AuditEvent(account.id, AuditAction.RECOVERY, ENTITY, account.id))
        return self._open(data_key, account.id)

    def update_profile(self, profile: PractitionerProfile) -> Account:
        account = self._acting.require()
        valid = validate_practitioner(profile)
        with self._store.write() as s:
            s.accounts.update_profile(account.id, valid, at=s.at, device_id=s.device_id)
            s.record(AuditEvent(account.id, AuditAction.UPDATE, ENTITY, account.id))
        updated = replace(account, profile=valid)
        self._acting.account = updated
        return updated

    def _check_password(self, password: str, username: str) -> None:
        problem = password_problem(password, username)
        if problem:
            raise ValidationError([FieldError("password", problem)])

    def _rewrap(self, account: Account, password: str, action: AuditAction, actor: str) -> None:
        wrapped = wrap_with_password(self._key(), password, account.key_binding, self._kdf)
        with self._store.write() as s:
            s.accounts.put_wrap(PASSWORD, account.id, wrapped, at=s.at)
            s.accounts.record_failure(account.id, 0, None)
            s.record(AuditEvent(actor, action, ENTITY, account.id))

    def new_recovery_key(self) -> str:
        """The owner replaces the recovery key (lost, or never written down): the old one
        stops working. Returns the new key, to be shown once."""
        owner = self._acting.require_owner()
        recovery = new_recovery_secret()
        with self._store.write() as s:
            s.accounts.put_wrap(RECOVERY, "", wrap_with_recovery(self._key(), recovery), at=s.at)
            s.record(AuditEvent(owner.id, AuditAction.UPDATE, "recovery_key", "", "replaced"))
        return format_recovery_key(recovery)
