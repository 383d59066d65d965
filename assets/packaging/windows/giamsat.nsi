; GiamSat's Windows installer, built on Linux by `cargo xtask dist` with NSIS (Debian `nsis`):
;   makensis -DVERSION=0.1.0 -DVERSION_NUMERIC=0.1.0 -DSTAGE=<folder with the files> -DOUTFILE=<setup.exe>
;            -DWIZARD=assets/icon/giamsat-wizard.bmp -DCOMPRESSOR=lzma giamsat.nsi
; Installs for the current user only, without administrator rights (office PCs are locked
; down): into %LOCALAPPDATA%\Programs\GiamSat, a Start-menu shortcut, an optional desktop
; shortcut (`/NODESKTOP` leaves it out), `.giamsat` files opening in GiamSat with its icon, and an entry in "Apps" that
; uninstalls it. The uninstaller removes only what the installer put there: the user's
; projects, settings, autosave and backups stay.

; A 64-bit installer, like the program it installs (and Wine without 32-bit support runs it).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID ${COMPRESSOR}
!if ${COMPRESSOR} == lzma
  ; A window as large as the program, so that what repeats across it is stored once.
  SetCompressorDictSize 64
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

!define APP "GiamSat"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\GiamSat"
!define PROGID "GiamSat.Project"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\GiamSat"
; Installing over an older version keeps its folder (unless /D= names another).
InstallDirRegKey HKCU "Software\GiamSat" "InstallDir"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION_NUMERIC}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "© GiamSat developers — MIT OR Apache-2.0"

!define MUI_ICON "${STAGE}/giamsat.ico"
!define MUI_UNICON "${STAGE}/giamsat.ico"
!define MUI_WELCOMEFINISHPAGE_BITMAP "${WIZARD}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\giamsat.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Vietnamese first: it is what a Windows in any language other than English gets.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString SecApp ${LANG_VIETNAMESE} "GiamSat (bắt buộc)"
LangString SecApp ${LANG_ENGLISH} "GiamSat (required)"
LangString SecDesktop ${LANG_VIETNAMESE} "Biểu tượng trên màn hình nền"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString DescApp ${LANG_VIETNAMESE} "Chương trình GiamSat, lối tắt trong menu Start, mở tệp .giamsat bằng GiamSat."
LangString DescApp ${LANG_ENGLISH} "The GiamSat program, a Start-menu shortcut, .giamsat files open in GiamSat."
LangString DescDesktop ${LANG_VIETNAMESE} "Đặt lối tắt GiamSat trên màn hình nền."
LangString DescDesktop ${LANG_ENGLISH} "Put a GiamSat shortcut on the desktop."
LangString StillOpen ${LANG_VIETNAMESE} "GiamSat đang mở. Hãy lưu công việc, đóng GiamSat rồi bấm Thử lại."
LangString StillOpen ${LANG_ENGLISH} "GiamSat is open. Save your work, close GiamSat, then click Retry."
LangString NotWritten ${LANG_VIETNAMESE} "Không ghi được các tệp của GiamSat vào $INSTDIR: GiamSat chưa được cài."
LangString NotWritten ${LANG_ENGLISH} "Could not write GiamSat's files to $INSTDIR: GiamSat is not installed."
LangString GuideShortcut ${LANG_VIETNAMESE} "Hướng dẫn sử dụng GiamSat"
LangString GuideShortcut ${LANG_ENGLISH} "GiamSat user guide"
LangString GuideComment ${LANG_VIETNAMESE} "Mở hướng dẫn sử dụng GiamSat"
LangString GuideComment ${LANG_ENGLISH} "Open the GiamSat user guide"
LangString FileType ${LANG_VIETNAMESE} "Dự án GiamSat"
LangString FileType ${LANG_ENGLISH} "GiamSat project"
LangString ShortcutComment ${LANG_VIETNAMESE} "Giám sát thực hiện chương trình: số liệu, kết luận, kiến nghị"
LangString ShortcutComment ${LANG_ENGLISH} "Supervise State programs: figures, conclusions, recommendations"

; A program that is running cannot be replaced or removed: ask to close it (a silent run stops
; with exit status 2 instead of leaving the old program behind a new version number).
!macro WAIT_UNTIL_CLOSED UN
Function ${UN}WaitUntilClosed
  StrCpy $1 0
  retry:
  IfFileExists "$INSTDIR\giamsat.exe" 0 done
  ClearErrors
  FileOpen $0 "$INSTDIR\giamsat.exe" a
  IfErrors 0 opened
    ; A virus scanner may hold the file a moment: try for 5 seconds before asking.
    IntOp $1 $1 + 1
    IntCmp $1 5 ask 0 ask
    Sleep 1000
    Goto retry
  ask:
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillOpen)" /SD IDCANCEL IDRETRY again
    SetErrorLevel 2
    Abort "$(StillOpen)"
  again:
    StrCpy $1 0
    Goto retry
  opened:
  FileClose $0
  done:
FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_CLOSED ""
!insertmacro WAIT_UNTIL_CLOSED "un."

Section "!$(SecApp)" SEC_APP
  SectionIn RO
  SetShellVarContext current
  Call WaitUntilClosed
  SetOutPath "$INSTDIR"
  SetOverwrite on
  ClearErrors
  File "${STAGE}/giamsat.exe"
  File "${STAGE}/giamsat.com"
  File "${STAGE}/giamsat.ico"
  SetOutPath "$INSTDIR\licenses"
  File "${STAGE}/licenses/*.*"
  SetOutPath "$INSTDIR"
  IfErrors 0 written
    SetErrorLevel 2
    Abort "$(NotWritten)"
  written:
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\GiamSat.lnk" "$INSTDIR\giamsat.exe" "" "$INSTDIR\giamsat.exe" 0 \
    SW_SHOWNORMAL "" "$(ShortcutComment)"
  ; The guide opens on its own from the Start menu too (`giamsat --guide`), under one name:
  ; an earlier install in the other language made the other.
  Delete "$SMPROGRAMS\Hướng dẫn sử dụng GiamSat.lnk"
  Delete "$SMPROGRAMS\GiamSat user guide.lnk"
  CreateShortcut "$SMPROGRAMS\$(GuideShortcut).lnk" "$INSTDIR\giamsat.exe" "--guide" \
    "$INSTDIR\giamsat.exe" 0 SW_SHOWNORMAL "" "$(GuideComment)"

  ; .giamsat files: GiamSat opens them and they show its icon (per user: HKCU\Software\Classes).
  WriteRegStr HKCU "Software\Classes\.giamsat" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.giamsat" "Content Type" "application/x-giamsat"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(FileType)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\giamsat.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\giamsat.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\giamsat.exe\shell\open\command" "" '"$INSTDIR\giamsat.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\giamsat.exe" "FriendlyAppName" "GiamSat"
  WriteRegStr HKCU "Software\GiamSat" "InstallDir" "$INSTDIR"
  ; Tell Explorer the icons changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; "Apps and features" / "Programs and Features", for this user.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "GiamSat"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "GiamSat developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\giamsat.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" SEC_DESKTOP
  SetShellVarContext current
  CreateShortcut "$DESKTOP\GiamSat.lnk" "$INSTDIR\giamsat.exe" "" "$INSTDIR\giamsat.exe" 0 \
    SW_SHOWNORMAL "" "$(ShortcutComment)"
SectionEnd

; For IT staff rolling it out: `setup.exe /S /NODESKTOP` installs without the desktop shortcut.
Function .onInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $R1
  IfErrors desktop_kept
    !insertmacro UnselectSection ${SEC_DESKTOP}
  desktop_kept:
FunctionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SEC_APP} $(DescApp)
  !insertmacro MUI_DESCRIPTION_TEXT ${SEC_DESKTOP} $(DescDesktop)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  SetShellVarContext current
  Call un.WaitUntilClosed
  ; Only the files the installer wrote, never a whole folder the user may have added to.
  Delete "$INSTDIR\giamsat.exe"
  Delete "$INSTDIR\giamsat.com"
  Delete "$INSTDIR\giamsat.ico"
  Delete "$INSTDIR\licenses\*.txt"
  RMDir "$INSTDIR\licenses"
  Delete "$INSTDIR\uninstall.exe"
  Delete "$SMPROGRAMS\GiamSat.lnk"
  ; Both names: the uninstaller may speak another language than the installer did.
  Delete "$SMPROGRAMS\Hướng dẫn sử dụng GiamSat.lnk"
  Delete "$SMPROGRAMS\GiamSat user guide.lnk"
  Delete "$DESKTOP\GiamSat.lnk"

  ; The association only if it is still ours.
  ReadRegStr $0 HKCU "Software\Classes\.giamsat" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.giamsat"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\giamsat.exe"
  DeleteRegKey HKCU "Software\GiamSat"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ; Last, so that the folder's going means the uninstaller is done (CI waits on it).
  RMDir "$INSTDIR"
SectionEnd
