; Inno Setup script of MNeedle Desktop's Windows installer. packaging\build.ps1 -Installer
; builds the bundle (dist\mneedle-desktop) and the icons (build\icons), then compiles this
; with ISCC into dist\mneedle-desktop-VERSION-setup.exe.
;
; Installs for every user of the machine (administrator rights, Program Files) with a
; Start-menu entry and an uninstaller. Uninstalling leaves the data folder alone: client
; records are kept until the clinic deletes them (README: "Where the data lives").
; The version, name and id must match mneedle_desktop/__init__.py (a test compares them).

#define AppName "MNeedle Desktop"
#define AppVersion "0.1.0"
#define AppId "org.mneedle.Desktop"
#define AppExe "mneedle-desktop.exe"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=MNeedle
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\build\icons\mneedle-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=mneedle-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's files: Qt finds its plugins by listing folders, so a plugin a
; newer build leaves out must not stay behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\mneedle-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
