"""The bundle's entry point: the installed package's ``main``, as ``mneedle-desktop`` runs it."""

import sys

from mneedle_desktop.launch import main

sys.exit(main())
