"""Icons, fonts and images shipped with the program (installed as ``mneedle_desktop.resources``)."""
