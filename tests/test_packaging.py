"""The packaging: icons, what the bundle leaves out, the wheel check, the smoke test, and the
platform integration files agreeing with the app on its name, id, command and version."""

import configparser
import importlib.util
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image
from PySide6.QtGui import QImage

import mneedle_desktop

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
COMMAND = "mneedle-desktop"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def load(name: str) -> ModuleType:
    """A script of packaging/ as a module (the folder is no package: its name would hide
    the PyPI 'packaging' that the build tools import)."""
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PACKAGING / f"{name}.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- icons ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    result = run_script("make_icons", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("side", [16, 24, 32, 48, 64, 128, 256, 512, 1024])
def test_each_png_has_its_size_and_shows_the_icon(icons: Path, side: int) -> None:
    data = (icons / f"mneedle-desktop-{side}.png").read_bytes()
    assert png_size(data) == (side, side)
    image = QImage.fromData(data)
    assert (image.width(), image.height()) == (side, side)
    assert image.pixelColor(0, 0).alpha() == 0  # the corners stay transparent
    between_dots = image.pixelColor(side * 106 // 256, side * 106 // 256)
    assert between_dots.alpha() == 255
    assert between_dots.green() > between_dots.red() + 50  # the icon's teal
    colours = {image.pixel(x, y) for x in range(0, side, max(1, side // 32)) for y in range(side)}
    assert len(colours) > 3  # background, dots, curve and edges: not a flat square


def test_the_ico_holds_each_windows_size_as_png(icons: Path) -> None:
    data = (icons / "mneedle-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    sides = []
    for i in range(count):
        width, height, _c, _r, planes, bits, size, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        side = width or 256
        assert height == width
        assert (planes, bits) == (1, 32)
        assert png_size(data[offset : offset + size]) == (side, side)
        sides.append(side)
    assert sides == [16, 24, 32, 48, 64, 128, 256]
    # An independent reader agrees.
    with Image.open(icons / "mneedle-desktop.ico") as image:
        assert image.format == "ICO"
        assert {s for s, _ in image.info["sizes"]} == set(sides)


def test_the_icns_holds_each_macos_size_as_png(icons: Path) -> None:
    data = (icons / "mneedle-desktop.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    chunks, position = {}, 8
    while position < len(data):
        kind = data[position : position + 4].decode("ascii")
        length = struct.unpack(">I", data[position + 4 : position + 8])[0]
        chunks[kind] = png_size(data[position + 8 : position + length])[0]
        position += length
    assert position == len(data)
    assert chunks == {
        "icp4": 16,
        "ic11": 32,
        "icp5": 32,
        "ic12": 64,
        "ic07": 128,
        "ic13": 256,
        "ic08": 256,
        "ic14": 512,
        "ic09": 512,
        "ic10": 1024,
    }
    with Image.open(icons / "mneedle-desktop.icns") as image:
        assert image.format == "ICNS"
        assert image.size == (1024, 1024)


def test_an_svg_qt_cannot_draw_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg", encoding="utf-8")
    result = run_script("make_icons", str(tmp_path / "out"), "--svg", str(broken))
    assert result.returncode != 0
    assert "not an SVG Qt can draw" in result.stderr
    assert not (tmp_path / "out" / "mneedle-desktop.ico").exists()


# --- what the bundle leaves out ------------------------------------------------------------


@pytest.fixture(scope="module")
def settings() -> ModuleType:
    return load("bundle_settings")


@pytest.mark.parametrize(
    "path",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "mneedle_desktop/resources/fonts/wqy-microhei.ttc",
    ],
)
def test_what_the_app_uses_is_kept(settings: ModuleType, path: str) -> None:
    assert not any(rule.matches(path) for rule in settings.TRIM_RULES)


@pytest.mark.parametrize(
    "path",
    [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\translations\\qt_fr.qm",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
        "PySide6\\plugins\\platforms\\qdirect2d.dll",
        "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
    ],
)
def test_what_the_app_never_loads_is_left_out(settings: ModuleType, path: str) -> None:
    assert any(rule.matches(path) for rule in settings.TRIM_RULES)


def test_trimming_counts_the_bytes_each_rule_saves(settings: ModuleType, tmp_path: Path) -> None:
    translation = tmp_path / "qt_de.qm"
    translation.write_bytes(b"x" * 1000)
    kept_file = tmp_path / "libqxcb.so"
    kept_file.write_bytes(b"y" * 10)
    entries = [
        ("PySide6/Qt/translations/qt_de.qm", str(translation), "DATA"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", str(kept_file), "BINARY"),
    ]
    kept, saved = settings.trim(entries)
    assert kept == [entries[1]]
    assert saved["Qt translations"] == 1000
    assert sum(saved.values()) == 1000


def test_only_libraries_nothing_kept_needs_are_dropped(settings: ModuleType) -> None:
    links = {
        "ext": ["libQt6Gui.so.6"],
        "gui": ["libQt6Core.so.6"],
        "core": ["libicuuc.so.73"],
        "icu": [],
        "xcb": ["libxkbcommon.so.0"],
        "xkb": [],
        "gtk": [],
        "py": [],
    }
    entries = [
        ("PySide6/QtGui.abi3.so", "ext", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "gui", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "core", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "icu", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "xcb", "BINARY"),
        ("libxkbcommon.so.0", "xkb", "BINARY"),
        ("libgtk-3.so.0", "gtk", "BINARY"),  # its plugin was left out
        ("libpython3.11.so.1.0", "py", "BINARY"),  # loaded by the launcher, linked by none
    ]
    assert settings.unlinked_libraries(entries, links.__getitem__) == {"libgtk-3.so.0"}


def test_links_to_what_was_left_out_go_too(settings: ModuleType) -> None:
    datas = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("mneedle_desktop/content/rules.toml", "/src/rules.toml", "DATA"),
    ]
    kept = {"PySide6/Qt/lib/libQt6Gui.so.6", "mneedle_desktop/content/rules.toml"}
    assert settings.dangling_links(datas, kept) == {"libQt6Network.so.6"}


# --- the wheel check -----------------------------------------------------------------------


def make_wheel(path: Path, root: Path, *, leave_out: str = "", script: bool = True) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in load("check_wheel").expected_files(root):
            if name != leave_out:
                archive.writestr(name, b"")
        entry_points = "[console_scripts]\nmneedle-desktop = mneedle_desktop.launch:main\n"
        archive.writestr(
            "mneedle_desktop-1.dist-info/entry_points.txt", entry_points if script else ""
        )
    return path


def test_a_wheel_with_every_file_passes_the_check(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "w.whl", ROOT)
    assert load("check_wheel").missing_files(wheel) == []


def test_the_wheel_check_names_a_missing_font_and_command(tmp_path: Path) -> None:
    font = "mneedle_desktop/resources/fonts/DejaVuSans.ttf"
    check_wheel = load("check_wheel")
    assert font in set(check_wheel.expected_files(ROOT))
    wheel = make_wheel(tmp_path / "w.whl", ROOT, leave_out=font, script=False)
    missing = check_wheel.missing_files(wheel)
    assert missing == [font, "the mneedle-desktop command (entry_points.txt)"]
    result = run_script("check_wheel", str(wheel))
    assert result.returncode == 1
    assert "DejaVuSans.ttf" in result.stderr


def test_every_runtime_file_is_declared_as_package_data() -> None:
    """What the wheel check looks for at build time, checked here against pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    mapped = setuptools["package-dir"]
    for package in setuptools["packages"]:
        parent = max((p for p in mapped if f"{package}.".startswith(f"{p}.")), key=len, default="")
        if parent:
            folder = ROOT / mapped[parent] / package.removeprefix(parent).lstrip(".")
        else:
            folder = ROOT / package.replace(".", "/")
        assert folder.is_dir(), package
        patterns = setuptools["package-data"].get(package, [])
        for path in folder.iterdir():
            if path.is_file() and path.suffix not in {".py", ".pyc"}:
                assert any(path.match(p) for p in patterns), f"{path.name} is not in {package}"


# --- the smoke test ------------------------------------------------------------------------


@pytest.mark.gui
def test_the_smoke_test_passes_the_installed_app() -> None:
    app = f"{sys.executable} -m mneedle_desktop"
    result = run_script(
        "smoke_test", "--same-pdf-as", app, "--", sys.executable, "-m", "mneedle_desktop"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("  ok ") == 5


def test_the_smoke_test_fails_an_app_with_another_version() -> None:
    fake = [sys.executable, "-c", "print('mneedle-desktop 99.0')"]
    result = run_script("smoke_test", "--", *fake)
    assert result.returncode == 1
    assert "FAILED --version" in result.stderr


# --- the platform integration files --------------------------------------------------------


def script_name() -> str:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (name,) = config["project"]["scripts"]
    return str(name)


def test_the_command_is_named_alike_everywhere() -> None:
    settings = load("bundle_settings")
    assert script_name() == settings.EXECUTABLE == COMMAND


def test_the_desktop_entry_names_the_app_its_icon_and_command() -> None:
    path = PACKAGING / "linux" / f"{mneedle_desktop.APP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == mneedle_desktop.APP_NAME
    assert desktop["Icon"] == mneedle_desktop.APP_ID
    assert desktop["Exec"].split()[0] == COMMAND
    assert desktop["StartupWMClass"] == COMMAND


def test_the_appstream_metadata_matches_the_app_and_its_version() -> None:
    path = PACKAGING / "linux" / f"{mneedle_desktop.APP_ID}.metainfo.xml"
    component = ET.parse(path).getroot()
    assert component.findtext("id") == mneedle_desktop.APP_ID
    assert component.findtext("name") == mneedle_desktop.APP_NAME
    assert component.findtext("launchable") == f"{mneedle_desktop.APP_ID}.desktop"
    assert component.findtext("provides/binary") == COMMAND
    newest = component.find("releases/release")
    assert newest is not None
    assert newest.get("version") == mneedle_desktop.__version__


def test_the_windows_installer_matches_the_app_and_its_version() -> None:
    text = (PACKAGING / "windows" / "mneedle-desktop.iss").read_text(encoding="utf-8")
    defines = dict(
        line.removeprefix("#define ").split(" ", 1)
        for line in text.splitlines()
        if line.startswith("#define ")
    )
    assert defines["AppName"] == f'"{mneedle_desktop.APP_NAME}"'
    assert defines["AppVersion"] == f'"{mneedle_desktop.__version__}"'
    assert defines["AppId"] == f'"{mneedle_desktop.APP_ID}"'
    assert defines["AppExe"] == f'"{COMMAND}.exe"'
    assert "PrivilegesRequired=admin" in text.splitlines()
    assert "DefaultDirName={autopf}\\{#AppName}" in text.splitlines()
    assert any(line.startswith('Name: "{autoprograms}') for line in text.splitlines())


def test_the_macos_bundle_settings_carry_the_id_and_version() -> None:
    plist = load("bundle_settings").info_plist("1.2.3", "org.example.App", "Example")
    assert plist["CFBundleIdentifier"] == "org.example.App"
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == "1.2.3"
    spec = (PACKAGING / "mneedle-desktop.spec").read_text(encoding="utf-8")
    # The spec takes the id and version from the package, never from a copy of its own.
    assert "bundle_identifier=mneedle_desktop.APP_ID" in spec
    assert "VERSION = mneedle_desktop.__version__" in spec


@pytest.mark.parametrize(
    ("tool", "args", "file"),
    [
        ("desktop-file-validate", [], "org.mneedle.Desktop.desktop"),
        ("appstreamcli", ["validate", "--no-net"], "org.mneedle.Desktop.metainfo.xml"),
    ],
)
def test_the_linux_files_pass_their_validators(tool: str, args: list[str], file: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (.ci/run installs it)")
    result = subprocess.run(
        [tool, *args, str(PACKAGING / "linux" / file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
