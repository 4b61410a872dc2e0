"""``demo-data``: fill a data folder with synthetic clients, to try the app or measure it."""

import argparse
import secrets
import sys

from mneedle_desktop.cli.account_commands import stdin_lines
from mneedle_desktop.cli.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from mneedle_desktop.cli.store_commands import open_services
from mneedle_desktop.domain.clinic import ClinicProfile, PractitionerProfile
from mneedle_desktop.paths import AppPaths
from mneedle_desktop.services.demo_data import RealClientsError
from mneedle_desktop.services.sign_in_errors import SignInError
from mneedle_desktop.storage.errors import StoreError

DEMO_CLINIC = ClinicProfile("Demo Skin Clinic", "1 Example Street, Testington", "0113 496 0000")
DEMO_OWNER = PractitionerProfile("Demo Owner", "Registered nurse", "NMC 00D0000")
DEMO_USERNAME = "demo"


def demo_data(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.clients < 1:
        print("PROBLEM: --clients must be at least 1.", file=sys.stderr)
        return EXIT_USAGE
    services = open_services(paths)
    if services is None:
        return EXIT_PROBLEM
    try:
        if services.accounts.needs_owner():
            password = secrets.token_urlsafe(12)
            recovery = services.accounts.create_owner(
                DEMO_CLINIC, DEMO_OWNER, DEMO_USERNAME, password
            )
            print(f"Demo owner created. Sign in as {DEMO_USERNAME!r} with the password:")
            print(password)
            print(f"Recovery key: {recovery}")
        else:
            if not args.actor:
                print(
                    "PROBLEM: this data folder has accounts: add --as USER and give the "
                    "password on standard input.",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            passwords = stdin_lines(1)
            if passwords is None:
                print("Give your password on standard input.", file=sys.stderr)
                return EXIT_USAGE
            services.accounts.sign_in(args.actor, passwords[0])
        shown = [0]

        def progress(done: int) -> None:
            tenth = done * 10 // args.clients
            if tenth > shown[0]:
                shown[0] = tenth
                print(f"{done} of {args.clients} clients", file=sys.stderr)

        report = services.demo_data.fill(
            args.clients, args.seed, into_real_store=args.into_real_store, progress=progress
        )
    except RealClientsError as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return EXIT_USAGE
    except (SignInError, PermissionError, StoreError) as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        services.accounts.sign_out()
        services.close()
    print(
        f"OK: {report.clients} synthetic clients and {report.consultations} consultations "
        f"({report.signed} signed) added to {paths.data_dir}"
    )
    return EXIT_OK
