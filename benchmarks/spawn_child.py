"""Run one command and print its wall time (ms) and peak memory (MiB) as JSON.

The benchmark runs this small process, which starts the command measured: the measured
process's peak memory then cannot include a copy of the (large) benchmark process it was
started from.
"""

import json
import os
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    quiet = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter()
    pid = os.posix_spawn(args[0], args, dict(os.environ), file_actions=quiet)
    _pid, status, usage = os.wait4(pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    code = os.waitstatus_to_exitcode(status)
    # Linux reports ru_maxrss in KiB.
    print(json.dumps({"ms": elapsed, "mib": usage.ru_maxrss / 1024, "code": code}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
