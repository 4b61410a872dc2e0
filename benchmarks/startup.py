"""Start-up: process start to the first window shown and idle (the "ready" line of
``--exit-when-ready``), and that process's peak memory, against a bare PySide6 window
process measured the same way, alternating. The time to the process's exit is kept too."""

import json
import os
import subprocess
import sys
from pathlib import Path

import mneedle_desktop
from benchmarks.stats import Figure

HERE = Path(__file__).resolve().parent


def _run(args: list[str], platform: str) -> tuple[float, float, float]:
    """Time to ready and to exit (ms), and peak resident memory (MiB), of one process on
    the Qt ``platform``, started by the small ``spawn_child`` process so that its peak
    memory is its own."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform)
    helper = [sys.executable, str(HERE / "spawn_child.py"), *args]
    result = subprocess.run(helper, env=env, capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout)
    if figures["code"] != 0 or figures["ready_ms"] is None:
        raise RuntimeError(f"{' '.join(args)} exited with {figures['code']}, never ready")
    return float(figures["ready_ms"]), float(figures["exit_ms"]), float(figures["mib"])


def app_command() -> list[str]:
    """The app as a practitioner starts it: the ``mneedle-desktop`` command installed beside
    this Python (what ``pip install`` makes), provided it runs the code measured here;
    else ``python -m mneedle_desktop`` (which also runs ``runpy``: 3 to 4 ms more)."""
    name = "mneedle-desktop.exe" if os.name == "nt" else "mneedle-desktop"
    command = Path(sys.executable).with_name(name)
    if command.exists() and _installed_package() == Path(mneedle_desktop.__file__).resolve():
        return [str(command)]
    return [sys.executable, "-m", "mneedle_desktop"]


def _installed_package() -> Path:
    """Where the installed command imports the package from (not this working folder)."""
    where = subprocess.run(
        [sys.executable, "-I", "-c", "import mneedle_desktop; print(mneedle_desktop.__file__)"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(sys.executable).parent,
    )
    return Path(where.stdout.strip()).resolve()


def measure_startup(
    data_dirs: dict[str, Path], repeat: int, platform: str = "offscreen"
) -> list[Figure]:
    """``platform``: Qt's offscreen one, the same on every machine, or a desktop's (``xcb``
    on an X server, say), whose window system asks more of the first window (its icon at
    several sizes, for one)."""
    bare_args = [sys.executable, str(HERE / "bare_window.py")]
    command = app_command()
    app_args = {
        label: [*command, "--data-dir", str(d), "--exit-when-ready"]
        for label, d in data_dirs.items()
    }
    _run(bare_args, platform)  # warm the file cache for both
    for args in app_args.values():
        _run(args, platform)
    bare_times: list[float] = []
    bare_exits: list[float] = []
    bare_memory: list[float] = []
    times: dict[str, list[float]] = {label: [] for label in app_args}
    exits: dict[str, list[float]] = {label: [] for label in app_args}
    memory: dict[str, list[float]] = {label: [] for label in app_args}
    for _ in range(repeat):
        t, e, m = _run(bare_args, platform)
        bare_times.append(t)
        bare_exits.append(e)
        bare_memory.append(m)
        for label, args in app_args.items():
            t, e, m = _run(args, platform)
            times[label].append(t)
            exits[label].append(e)
            memory[label].append(m)
    bare_t = Figure("start-up: bare PySide6 window", "ms", tuple(bare_times))
    bare_e = Figure("start-up to exit: bare PySide6 window", "ms", tuple(bare_exits))
    bare_m = Figure("peak memory: bare PySide6 window", "MiB", tuple(bare_memory))
    figures = [bare_t, bare_e, bare_m]
    for label in app_args:
        t_fig = Figure(f"start-up: {label}", "ms", tuple(times[label]), baseline=bare_t)
        m_fig = Figure(f"peak memory: {label}", "MiB", tuple(memory[label]), baseline=bare_m)
        figures.append(
            Figure(
                t_fig.name,
                "ms",
                t_fig.samples,
                "median within 1.5x the bare window",
                (t_fig.ratio or 0) <= 1.5,
                bare_t,
            )
        )
        figures.append(
            Figure(f"start-up to exit: {label}", "ms", tuple(exits[label]), baseline=bare_e)
        )
        figures.append(
            Figure(
                m_fig.name,
                "MiB",
                m_fig.samples,
                "under 1.5x the bare window + 40 MiB",
                m_fig.median <= 1.5 * bare_m.median + 40,
                bare_m,
            )
        )
    return figures
