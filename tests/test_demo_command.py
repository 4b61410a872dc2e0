"""``demo-data`` as a new user runs it: a separate process on a new data folder."""

from pathlib import Path

from tests.test_command_line import run


def test_demo_data_on_a_new_folder_creates_a_demo_owner_then_signs_in_like_the_rest(
    tmp_path: Path,
) -> None:
    data = str(tmp_path / "try")
    first = run("--data-dir", data, "demo-data", "--clients", "30", "--seed", "4")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert "Sign in as 'demo'" in lines[0]
    password = lines[1]
    assert len(password) >= 12
    assert "OK: 30 synthetic clients" in first.stdout

    no_password = run("--data-dir", data, "demo-data", "--clients", "5")
    assert no_password.returncode == 2
    assert "--as USER" in no_password.stderr
    more = run(
        "--data-dir", data, "demo-data", "--clients", "5", "--as", "demo", "--password-stdin",
        stdin=password + "\n",
    )  # fmt: skip
    assert more.returncode == 0, more.stderr
    assert "OK: 5 synthetic clients" in more.stdout
    same_seed_again = run(
        "--data-dir", data, "demo-data", "--clients", "5", "--seed", "4", "--as", "demo",
        "--password-stdin", stdin=password + "\n",
    )  # fmt: skip
    assert same_seed_again.returncode == 0, same_seed_again.stderr  # new clients, no clash
    checked = run("--data-dir", data, "check")
    assert "40 clients" in checked.stdout
