"""MNeedle Desktop: an offline consultation assistant for micro-needling practitioners."""

__version__ = "0.1.0"
APP_NAME = "MNeedle Desktop"
# The desktop entry, icon, AppStream, macOS bundle and Windows installer id.
APP_ID = "org.mneedle.Desktop"
