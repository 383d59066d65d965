//! What Windows shows of GiamSat before it runs: the icon Explorer draws for giamsat.exe and
//! giamsat.com, the version on Properties → Details, and the manifest that makes text sharp on
//! every monitor (per-monitor DPI) with UTF-8 as the code page. Read back from the built
//! programs through Windows' own API, under Wine in CI.
#![allow(unsafe_code, clippy::unwrap_used)]

use std::os::windows::ffi::OsStrExt;
use std::path::Path;
use windows_sys::Win32::Foundation::FreeLibrary;
use windows_sys::Win32::Storage::FileSystem::{
    GetFileVersionInfoSizeW, GetFileVersionInfoW, VerQueryValueW,
};
use windows_sys::Win32::System::LibraryLoader::{
    FindResourceW, LOAD_LIBRARY_AS_DATAFILE, LoadLibraryExW, LoadResource, LockResource,
    SizeofResource,
};

fn wide(s: &std::ffi::OsStr) -> Vec<u16> {
    s.encode_wide().chain(Some(0)).collect()
}

/// A string of the version information, e.g. `ProductVersion`.
fn version_string(exe: &Path, key: &str) -> Option<String> {
    let path = wide(exe.as_os_str());
    let size = unsafe { GetFileVersionInfoSizeW(path.as_ptr(), std::ptr::null_mut()) };
    if size == 0 {
        return None;
    }
    let mut data = vec![0u8; size as usize];
    let ok = unsafe { GetFileVersionInfoW(path.as_ptr(), 0, size, data.as_mut_ptr().cast()) };
    if ok == 0 {
        return None;
    }
    let query = wide(format!("\\StringFileInfo\\000004b0\\{key}").as_ref());
    let (mut value, mut len) = (std::ptr::null_mut(), 0u32);
    let ok = unsafe { VerQueryValueW(data.as_ptr().cast(), query.as_ptr(), &mut value, &mut len) };
    if ok == 0 || value.is_null() || len == 0 {
        return None;
    }
    let chars = unsafe { std::slice::from_raw_parts(value as *const u16, len as usize) };
    Some(
        String::from_utf16_lossy(chars)
            .trim_end_matches('\0')
            .to_string(),
    )
}

/// The bytes of resource `name` of `kind` (numeric ids), if the program has it.
fn resource(exe: &Path, kind: u16, name: u16) -> Option<Vec<u8>> {
    let path = wide(exe.as_os_str());
    let module = unsafe {
        LoadLibraryExW(
            path.as_ptr(),
            std::ptr::null_mut(),
            LOAD_LIBRARY_AS_DATAFILE,
        )
    };
    if module.is_null() {
        return None;
    }
    let found = unsafe {
        FindResourceW(
            module,
            name as usize as *const u16,
            kind as usize as *const u16,
        )
    };
    let bytes = (!found.is_null()).then(|| unsafe {
        let size = SizeofResource(module, found) as usize;
        let data = LockResource(LoadResource(module, found)) as *const u8;
        if data.is_null() {
            Vec::new()
        } else {
            std::slice::from_raw_parts(data, size).to_vec()
        }
    });
    unsafe { FreeLibrary(module) };
    bytes
}

const RT_GROUP_ICON: u16 = 14;
const RT_MANIFEST: u16 = 24;

#[test]
fn both_programs_carry_icon_version_and_manifest() {
    for exe in [
        env!("CARGO_BIN_EXE_giamsat"),
        env!("CARGO_BIN_EXE_giamsat-console"),
    ] {
        let exe = Path::new(exe);
        assert_eq!(
            version_string(exe, "ProductVersion").as_deref(),
            Some(env!("CARGO_PKG_VERSION")),
            "{}",
            exe.display()
        );
        assert_eq!(
            version_string(exe, "ProductName").as_deref(),
            Some("GiamSat")
        );
        // Vietnamese survives into what Explorer shows.
        assert!(
            version_string(exe, "FileDescription")
                .is_some_and(|d| d.contains("giám sát thực hiện chương trình")),
            "{}",
            exe.display()
        );
        let icon = resource(exe, RT_GROUP_ICON, 1).unwrap_or_default();
        // A group of 7 sizes, 16 to 256 px: header (6 bytes) + 14 bytes each.
        assert_eq!(icon.len(), 6 + 7 * 14, "{}", exe.display());
        let manifest = String::from_utf8(resource(exe, RT_MANIFEST, 1).unwrap()).unwrap();
        assert!(manifest.contains("PerMonitorV2"), "{manifest}");
        assert!(manifest.contains("<activeCodePage"), "{manifest}");
        assert!(manifest.contains("asInvoker"), "{manifest}");
    }
    // Each names its own file.
    assert_eq!(
        version_string(Path::new(env!("CARGO_BIN_EXE_giamsat")), "OriginalFilename").as_deref(),
        Some("giamsat.exe")
    );
    assert_eq!(
        version_string(
            Path::new(env!("CARGO_BIN_EXE_giamsat-console")),
            "OriginalFilename"
        )
        .as_deref(),
        Some("giamsat.com")
    );
}
