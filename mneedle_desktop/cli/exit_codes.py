"""Exit codes of every command: 0 done, 1 a problem with the store or data, 2 bad input."""

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
