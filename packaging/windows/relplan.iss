; Inno Setup 6 script for the relplan installer on Windows (docs/packaging.md).
;
; It packs the PyInstaller folder dist\relplan (build it first), adds a Start-menu entry,
; registers the .relplan file type (icon, "Open" with relplan) and an uninstaller.
; From the repository root:
;   python packaging\build.py installer
; which runs, with the version from relplan.__version__:
;   iscc /DAppVersion=0.1.0 packaging\windows\relplan.iss
; The installer lands in dist\relplan-VERSION-setup.exe.

#define AppName "relplan"
#define AppExe "relplan.exe"
#define AppPublisher "The relplan authors"
#define BundleDir "..\..\dist\relplan"
; The file type: keep in step with packaging/bundle.py (EXTENSION, WINDOWS_PROGID, ...).
#define DocExt ".relplan"
#define DocProgId "relplan.Project"
#define DocName "relplan project"
#define DocMime "application/vnd.relplan+json"

#ifndef AppVersion
  ; Without /DAppVersion: the FileVersion the PyInstaller build put into relplan.exe.
  #define AppVersion GetFileVersionString(AddBackslash(SourcePath) + BundleDir + "\" + AppExe)
#endif

[Setup]
; AppId identifies relplan to Windows across versions: never change it.
AppId={{905CDE19-F5CF-4311-A004-777F188BECD4}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppCopyright=Copyright (C) {#AppPublisher}. GPL-3.0-or-later.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Installs for the current user without administrator rights; the first page offers an
; installation for all users too. HKA below follows that choice (HKCU or HKLM).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and later.
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\icons\relplan.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Tell Explorer to reload file types after (un)installing, so the icon shows at once.
ChangesAssociations=yes
CloseApplications=yes
; Signing: define a sign tool named "signtool" in the Inno Setup IDE (Tools > Configure
; Sign Tools) or pass /Ssigntool=... to iscc, then uncomment (docs/packaging.md):
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\icons\relplan-document.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Plan software releases"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .relplan belongs to relplan.Project: double-click opens relplan on the file ("%1"),
; Explorer shows the document icon. The uninstaller removes these entries.
Root: HKA; Subkey: "Software\Classes\{#DocExt}"; ValueType: string; ValueName: ""; ValueData: "{#DocProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#DocExt}"; ValueType: string; ValueName: "Content Type"; ValueData: "{#DocMime}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#DocExt}\OpenWithProgids"; ValueType: string; ValueName: "{#DocProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#DocProgId}"; ValueType: string; ValueName: ""; ValueData: "{#DocName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#DocProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\relplan-document.ico,0"
Root: HKA; Subkey: "Software\Classes\{#DocProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; "Open with" lists relplan for .relplan files.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#DocExt}"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
