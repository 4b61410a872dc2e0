"""The command line: options shared with the GUI, and sub-commands that need no window.

Each command's module is imported when that command runs, so starting the app imports none
of them.
"""

import argparse

from mneedle_desktop.cli.exit_codes import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from mneedle_desktop.cli.parser import build_parser, parse_args
from mneedle_desktop.paths import AppPaths

__all__ = ["EXIT_OK", "EXIT_PROBLEM", "EXIT_USAGE", "build_parser", "parse_args", "run_command"]


def run_command(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.command == "check":
        from mneedle_desktop.cli.store_commands import check

        return check(paths)
    if args.command in ("backup", "restore"):
        from mneedle_desktop.cli.backup_commands import backup, restore

        if args.command == "backup":
            return backup(paths, args.to, args.actor, args.password_stdin)
        return restore(paths, args.backup, args.yes)
    if args.command == "screen":
        from mneedle_desktop.cli.screen_command import screen

        return screen(args.record, args.on, args.format, paths)
    if args.command == "render":
        from mneedle_desktop.cli.render_command import render

        return render(args.record, args.output, args.letter, paths)
    if args.command == "demo-data":
        from mneedle_desktop.cli.demo_command import demo_data

        return demo_data(args, paths)
    if args.command in ("export", "import"):
        from mneedle_desktop.cli.record_commands import records_command

        return records_command(args, paths)
    if args.command in ("init", "user"):
        from mneedle_desktop.cli.account_commands import accounts_command

        return accounts_command(args, paths)
    raise AssertionError(f"unknown command {args.command}")
