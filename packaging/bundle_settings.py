"""What goes into the one-folder bundle and what is left out: read by mneedle-desktop.spec.

Kept apart from the spec (which PyInstaller runs with names of its own) so that it is typed,
checked and tested like the rest of the code.

Trimming drops files PyInstaller's hooks collect for every Qt program but this app never
loads. Each rule names what it removes; the build prints the bytes each rule saved, and
docs/packaging.md keeps those figures.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

EXECUTABLE = "mneedle-desktop"

# Python modules the app never imports, though something in its dependencies names them.
# PySide6.QtNetwork is listed by the PySide6 package itself: leaving it out leaves out the
# Qt network library and its TLS and network-information plugins. ssl is imported only
# where the standard library treats it as optional (urllib, http.client, asyncio), and the
# app opens no connection: leaving it out leaves out OpenSSL's libssl (libcrypto stays,
# for hashlib's scrypt). doctest (imported only by reportlab modules' self-tests, run as
# scripts) brought in unittest, pdb, asyncio and multiprocessing, and with multiprocessing
# a PyInstaller run-time hook that imported it at every start: about 10 ms.
EXCLUDED_MODULES = (
    "PySide6.QtNetwork",
    "ssl",
    "tkinter",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "doctest",
    "pdb",
    "unittest",
)


@dataclass(frozen=True)
class TrimRule:
    """Files whose path in the bundle matches ``pattern`` are left out, because ``why``."""

    name: str
    pattern: str  # a regular expression searched in the bundle path, with / separators
    why: str

    def matches(self, bundle_path: str) -> bool:
        return re.search(self.pattern, bundle_path.replace("\\", "/")) is not None


# Qt platform plugins the app needs: X11, Wayland, Windows, macOS, and offscreen (used by
# the smoke tests and by `--exit-when-ready` on a machine with no display).
_KEPT_PLATFORMS = "xcb|wayland|wayland-egl|windows|cocoa|offscreen|minimal"

TRIM_RULES = (
    TrimRule(
        "Qt translations",
        r"(^|/)PySide6/(Qt/)?translations/",
        "the app installs no Qt translator: its own texts are English",
    ),
    TrimRule(
        "Qt GTK 3 platform theme",
        r"/platformthemes/(lib)?qgtk3\.",
        "it links the build machine's GTK 3 stack into the bundle (about 20 libraries that "
        "belong to the system); the XDG portal theme stays for native file dialogs",
    ),
    TrimRule(
        "Qt platform plugins for devices without a desktop",
        rf"/platforms/(lib)?q(?!({_KEPT_PLATFORMS})\.)[a-z0-9]+\.",
        "EGLFS, LinuxFB, VNC, Vulkan display and Direct2D are for kiosks and embedded boards",
    ),
    TrimRule(
        "Qt plugins those platforms use",
        r"/plugins/(egldeviceintegrations|generic)/",
        "EGL device integrations and evdev/TUIO input serve only EGLFS and LinuxFB",
    ),
    TrimRule(
        "Qt image formats the app never reads",
        r"/imageformats/(lib)?q(gif|icns|ico|tga|tiff|wbmp|webp|pdf)\.",
        "the clinic logo is PNG, JPEG or BMP (JPEG and SVG plugins stay; PNG and BMP are "
        "built into Qt)",
    ),
)

Entry = tuple[str, str, str]  # PyInstaller's (path in bundle, source path, kind)


def trim(entries: Iterable[Entry]) -> tuple[list[Entry], dict[str, int]]:
    """The entries no rule matches, and the bytes each rule left out."""
    kept: list[Entry] = []
    saved = {rule.name: 0 for rule in TRIM_RULES}
    for entry in entries:
        rule = next((r for r in TRIM_RULES if r.matches(entry[0])), None)
        if rule is None:
            kept.append(entry)
        else:
            saved[rule.name] += _size(entry[1])
    return kept, saved


def unlinked_libraries(entries: Iterable[Entry], links: Callable[[str], Iterable[str]]) -> set[str]:
    """Bundle paths of the shared libraries that nothing kept needs.

    A library is needed when a kept Python extension module, Qt plugin or the Python
    library itself links to it, directly or through other needed libraries (``links``
    gives the names a binary links to). The others came in only for binaries the rules
    left out: the GTK 3 theme alone brings about forty of the build machine's libraries.
    """
    libraries: dict[str, list[Entry]] = {}
    roots: list[Entry] = []
    for entry in entries:
        if _is_root(entry[0]):
            roots.append(entry)
        else:
            libraries.setdefault(Path(entry[0]).name, []).append(entry)
    needed: set[str] = set()
    queue = list(roots)
    while queue:
        for name in links(queue.pop()[1]):
            if name in libraries and name not in needed:
                needed.add(name)
                queue.extend(libraries[name])
    return {entry[0] for name, found in libraries.items() if name not in needed for entry in found}


def dangling_links(datas: Iterable[Entry], bundle_paths: set[str]) -> set[str]:
    """Bundle paths of the symbolic links (PyInstaller's 'SYMLINK' entries, whose source is
    the target's path in the bundle) whose target is no longer in ``bundle_paths``."""
    return {
        dest for dest, target, kind in datas if kind == "SYMLINK" and target not in bundle_paths
    }


def _is_root(bundle_path: str) -> bool:
    """Binaries loaded by name at run time rather than linked: Python's own library (by the
    launcher), extension modules (by Python) and Qt plugins (by Qt)."""
    path = bundle_path.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    return (
        name.startswith("libpython")
        or ".cpython-" in name
        or ".abi3." in name
        or "/plugins/" in path
        or not name.startswith("lib")
    )


def _size(source: str) -> int:
    path = Path(source)
    return path.stat().st_size if path.is_file() else 0


def info_plist(version: str, app_id: str, name: str) -> dict[str, object]:
    """The macOS bundle's Info.plist entries beyond PyInstaller's own."""
    return {
        "CFBundleName": name,
        "CFBundleDisplayName": name,
        "CFBundleIdentifier": app_id,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSApplicationCategoryType": "public.app-category.medical",
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": "MNeedle",
    }
