"""``export`` and ``import``: a client's whole record out and in (password on stdin)."""

import argparse
import sys

from mneedle_desktop.cli.account_commands import stdin_lines
from mneedle_desktop.cli.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from mneedle_desktop.cli.store_commands import open_services
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.paths import AppPaths
from mneedle_desktop.services.client_import import ImportRefusedError
from mneedle_desktop.services.sign_in_errors import SignInError
from mneedle_desktop.storage.errors import StoreError


def records_command(args: argparse.Namespace, paths: AppPaths) -> int:
    passwords = stdin_lines(1)
    if passwords is None:
        print("Give your password on standard input.", file=sys.stderr)
        return EXIT_USAGE
    services = open_services(paths)
    if services is None:
        return EXIT_PROBLEM
    try:
        services.accounts.sign_in(args.actor, passwords[0])
        if args.command == "export":
            out = args.output.expanduser().absolute()
            report = services.client_export.export_client(ClientId(args.client), out)
            print(
                f"OK: exported {report.consultations} consultation(s) and {report.documents} "
                f"signed document(s) to {out}"
            )
            return EXIT_OK
        imported = services.client_import.import_paths(
            [p.expanduser().absolute() for p in args.paths]
        )
    except ImportRefusedError as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return EXIT_USAGE
    except (SignInError, PermissionError, LookupError, StoreError, OSError) as e:
        print(f"PROBLEM: {e}", file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        services.accounts.sign_out()
        services.close()
    print(
        f"OK: {imported.clients_added} client(s) and {imported.consultations_added} "
        f"consultation(s) added; {imported.clients_already_here} client(s) and "
        f"{imported.already_here} consultation(s) were already here."
    )
    for note in imported.notes:
        print(note)
    return EXIT_OK
