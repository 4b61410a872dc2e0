"""Allows ``python -m mneedle_desktop``."""

import sys

from mneedle_desktop.app import main

sys.exit(main())
