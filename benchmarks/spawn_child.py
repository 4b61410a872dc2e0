"""Run one command and print, as JSON, its time to "ready" and to exit (ms) and its peak
memory (MiB).

The benchmark runs this small process, which starts the command measured: the measured
process's peak memory then cannot include a copy of the (large) benchmark process it was
started from. The command prints a line "ready" once its first window is shown and the
event loop idle (``--exit-when-ready``): start-up is the time to that line; the time to the
process's exit adds tearing down.
"""

import json
import os
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    read_end, write_end = os.pipe()
    files = [(os.POSIX_SPAWN_DUP2, write_end, 1), (os.POSIX_SPAWN_CLOSE, read_end)]
    start = time.perf_counter()
    pid = os.posix_spawn(args[0], args, dict(os.environ), file_actions=files)
    os.close(write_end)
    ready_ms = None
    with os.fdopen(read_end, "r") as out:
        for line in out:
            if ready_ms is None and line.strip() == "ready":
                ready_ms = (time.perf_counter() - start) * 1000
    _pid, status, usage = os.wait4(pid, 0)
    exit_ms = (time.perf_counter() - start) * 1000
    code = os.waitstatus_to_exitcode(status)
    # Linux reports ru_maxrss in KiB.
    figures = {"ready_ms": ready_ms, "exit_ms": exit_ms, "mib": usage.ru_maxrss / 1024}
    print(json.dumps({**figures, "code": code}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
