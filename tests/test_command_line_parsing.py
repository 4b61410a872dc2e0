"""Starting the app reads its options without building every command's parser: it must
read them exactly as the full parser does."""

import argparse
import contextlib
import io

from hypothesis import given
from hypothesis import strategies as st

from mneedle_desktop.cli.parser import build_parser, parse_args

TOKENS = st.sampled_from(
    [
        "--data-dir",
        "--data-dir=/clinic/data",
        "--data-dir=",
        "/clinic/data",
        "my folder",
        "--exit-when-ready",
        "--exit",
        "--data",
        "-x",
        "-h",
        "--version",
        "check",
        "screen",
    ]
)


def read(parse: object, argv: list[str]) -> argparse.Namespace | str:
    """What the parser makes of ``argv``: the options, or how it stopped."""
    assert callable(parse)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            result = parse(argv)
    except SystemExit as stop:
        return f"exit {stop.code}"
    assert isinstance(result, argparse.Namespace)
    return result


@given(st.lists(TOKENS, max_size=5))
def test_an_app_start_is_read_as_the_full_parser_reads_it(argv: list[str]) -> None:
    assert read(parse_args, argv) == read(build_parser().parse_args, argv)


def test_no_options_starts_the_app_on_the_default_folder() -> None:
    assert parse_args([]) == argparse.Namespace(command=None, data_dir=None, exit_when_ready=False)
