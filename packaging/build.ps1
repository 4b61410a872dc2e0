# Builds MNeedle Desktop's packages on Windows, from the folder of this repository; the
# counterpart of packaging/build.sh, step for step:
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1              the bundle: dist\mneedle-desktop\
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Installer   and the installer (Inno Setup 6.3+ ISCC)
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Target wheel      the wheel, in dist\
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Target baseline   the bare-window reference
#
# The build tools live in their own virtual environment, build\venv, never in the app's.
param(
    [ValidateSet("bundle", "wheel", "baseline")] [string] $Target = "bundle",
    [switch] $Installer,
    [string] $Python = "py"
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Checked {
    param([string] $Program, [string[]] $Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed ($LASTEXITCODE)" }
}

$venv = "build\venv"
$py = "$venv\Scripts\python.exe"
if (-not (Test-Path $py)) {
    # @(...) keeps an array even of one item (an if's lone result would become a string).
    $launcherArgs = @(if ($Python -eq "py") { "-3" })  # the py launcher's newest 3.x
    Invoke-Checked $Python ($launcherArgs + @("-m", "venv", $venv))
}
Invoke-Checked $py @("-m", "pip", "install", "-q", "-r", "packaging\requirements-build.txt")

# The wheel, built from the source archive; an old build\lib could slip deleted files in.
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue "build\lib", "build\bdist.*", "dist\mneedle_desktop-*"
Invoke-Checked $py @("-m", "build", "--outdir", "dist", ".")
$wheel = (Get-ChildItem "dist\mneedle_desktop-*-py3-none-any.whl").FullName
Invoke-Checked $py @("packaging\check_wheel.py", $wheel)
if ($Target -eq "wheel") { exit 0 }

# The bundle is made from that same wheel, installed (not editable) in the build venv.
Invoke-Checked $py @("-m", "pip", "install", "-q", "--force-reinstall", $wheel)
Invoke-Checked $py @("packaging\make_icons.py", "build\icons")

$name = "mneedle-desktop"
$specArgs = @("--icons", "build\icons")
if ($Target -eq "baseline") {
    $name = "baseline-window"
    $specArgs += "--baseline"
}
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue "dist\$name"
Invoke-Checked "$venv\Scripts\pyinstaller.exe" (@("--noconfirm", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller-$name",
    "packaging\mneedle-desktop.spec", "--") + $specArgs)

$bytes = (Get-ChildItem -Recurse -File "dist\$name" | Measure-Object -Sum Length).Sum
"Built dist\{0}: {1:N0} MiB" -f $name, ($bytes / 1MB)

if ($Installer -and $Target -eq "bundle") {
    $iscc = (Get-Command "ISCC.exe" -ErrorAction SilentlyContinue).Source
    if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
    Invoke-Checked $iscc @("packaging\windows\mneedle-desktop.iss")
}
