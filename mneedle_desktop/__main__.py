"""Allows ``python -m mneedle_desktop``."""

import sys

from mneedle_desktop.launch import main

sys.exit(main())
