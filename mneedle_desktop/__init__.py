"""MNeedle Desktop: an offline consultation assistant for micro-needling practitioners."""

__version__ = "0.1.0"
APP_NAME = "MNeedle Desktop"
