#!/usr/bin/env bash
# Builds MNeedle Desktop's packages on Linux or macOS, from the folder of this repository:
#
#   packaging/build.sh            the one-folder app: dist/mneedle-desktop/ (Linux) or
#                                 dist/MNeedle Desktop.app (macOS)
#   packaging/build.sh wheel      the wheel and the source archive, in dist/
#   packaging/build.sh baseline   a bare PySide6 window bundled the same way, in
#                                 dist/baseline-window/ (the size and start-up reference)
#
# Extra arguments after the first go to the spec (--no-trim, --no-strip: to measure).
# The build tools live in their own virtual environment, build/venv, never in the app's.
# PYTHON chooses the Python that makes it (default python3, 3.11 or newer).
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-bundle}
[ $# -gt 0 ] && shift
case $what in bundle | wheel | baseline) ;; *)
  echo "usage: packaging/build.sh [bundle|wheel|baseline] [spec options]" >&2
  exit 2
  ;;
esac

venv=build/venv
if [ ! -x "$venv/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q -r packaging/requirements-build.txt

# The wheel, built from the source archive (so that the archive is known to be complete).
# setuptools reuses build/lib: an old copy there could slip deleted files into the wheel.
rm -rf build/lib build/bdist.* dist/mneedle_desktop-*
"$venv/bin/python" -m build --outdir dist . >build/wheel.log 2>&1 || {
  cat build/wheel.log
  exit 1
}
wheel=$(ls dist/mneedle_desktop-*-py3-none-any.whl)
"$venv/bin/python" packaging/check_wheel.py "$wheel"
if [ "$what" = wheel ]; then
  ls -l dist/mneedle_desktop-*
  exit 0
fi

# The bundle is made from that same wheel, installed (not editable) in the build venv.
"$venv/bin/python" -m pip install -q --force-reinstall "$wheel"
"$venv/bin/python" packaging/make_icons.py build/icons >/dev/null

name=mneedle-desktop
spec_args=(--icons build/icons)
if [ "$what" = baseline ]; then
  name=baseline-window
  spec_args+=(--baseline)
fi
rm -rf "dist/$name"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist \
  --workpath "build/pyinstaller-$name" packaging/mneedle-desktop.spec -- "${spec_args[@]}" "$@"

if [ "$what" = bundle ] && [ "$(uname -s)" = Linux ]; then
  # The desktop entry, AppStream metadata and icons, laid out as under /usr/local/share,
  # for installing the folder (see packaging/README.md).
  share="dist/$name/share"
  id=$("$venv/bin/python" -c 'import mneedle_desktop; print(mneedle_desktop.APP_ID)')
  install -D -m 644 "packaging/linux/$id.desktop" "$share/applications/$id.desktop"
  install -D -m 644 "packaging/linux/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
  install -D -m 644 resources/mneedle-desktop.svg "$share/icons/hicolor/scalable/apps/$id.svg"
  for side in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "build/icons/mneedle-desktop-$side.png" \
      "$share/icons/hicolor/${side}x${side}/apps/$id.png"
  done
fi

echo "Built dist/$name: $(du -sh "dist/$name" | cut -f1) ($(find "dist/$name" -type f | wc -l) files)"
