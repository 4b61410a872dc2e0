"""The Qt face of the program. The only package that imports PySide6."""
