"""``init`` and ``user``: accounts from the command line, passwords on standard input."""

import argparse
import getpass
import sys

from mneedle_desktop.cli.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from mneedle_desktop.cli.store_commands import open_services
from mneedle_desktop.domain.clinic import ClinicProfile, PractitionerProfile
from mneedle_desktop.domain.text import fold
from mneedle_desktop.domain.validation import ValidationError
from mneedle_desktop.paths import AppPaths
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.services.sign_in_errors import SignInError
from mneedle_desktop.storage.errors import StoreError

PROMPTS = ("Password: ", "New password: ")


def stdin_lines(count: int) -> list[str] | None:
    """``count`` passwords, one per line of standard input (newlines stripped). On a
    terminal they are asked for without being shown."""
    if sys.stdin is None:  # a windowed program (the Windows bundle) has no input at all
        return None
    if sys.stdin.isatty():
        return [getpass.getpass(PROMPTS[min(i, 1)]) for i in range(count)] or None
    lines = [line.rstrip("\r\n") for line in sys.stdin.readlines()]
    if len(lines) < count or any(not line for line in lines[:count]):
        return None
    return lines[:count]


def accounts_command(args: argparse.Namespace, paths: AppPaths) -> int:
    needed = 1 if args.command == "init" or args.user_command == "disable" else 2
    passwords = stdin_lines(needed)
    if passwords is None:
        print(f"Give {needed} password(s) on standard input, one per line.", file=sys.stderr)
        return EXIT_USAGE
    services = open_services(paths)
    if services is None:
        return EXIT_PROBLEM
    try:
        return _accounts(args, services, passwords)
    except ValidationError as e:
        for error in e.errors:
            print(f"{error.field}: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    except (SignInError, PermissionError, LookupError, StoreError) as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        services.accounts.sign_out()
        services.close()


def _accounts(args: argparse.Namespace, services: AppServices, passwords: list[str]) -> int:
    accounts = services.accounts
    if args.command == "init":
        # The first name, without accents: "Élodie Marchand" signs in as "elodie".
        username = args.username or (fold(args.owner_name).split() or ["owner"])[0]
        clinic = (
            ClinicProfile(args.clinic_name, phone=args.clinic_phone) if args.clinic_name else None
        )
        recovery = accounts.create_owner(
            clinic,
            PractitionerProfile(args.owner_name, args.profession, args.registration),
            username,
            passwords[0],
            for_signing=False,
        )
        print(f"Owner account {username.lower()!r} created.")
        print("Recovery key (shown only now; print it or write it down and keep it safe):")
        print(recovery)
        return EXIT_OK
    if args.user_command == "passwd":
        accounts.sign_in(args.username, passwords[0])
        accounts.change_password(passwords[0], passwords[1])
        print("Password changed.")
        return EXIT_OK
    accounts.sign_in(args.actor, passwords[0])
    if args.user_command == "add":
        account = accounts.add_account(
            PractitionerProfile(args.name, args.profession, args.registration),
            args.username,
            passwords[1],
        )
        print(f"Practitioner {account.username!r} added.")
        return EXIT_OK
    target = next((a for a in accounts.accounts() if a.username == args.username.lower()), None)
    if target is None:
        print(f"PROBLEM: there is no account {args.username!r}.", file=sys.stderr)
        return EXIT_PROBLEM
    if args.user_command == "disable":
        accounts.disable(target.id)
        print(f"Account {target.username!r} disabled.")
    else:
        accounts.enable(target.id, passwords[1])
        print(f"Account {target.username!r} enabled.")
    return EXIT_OK
