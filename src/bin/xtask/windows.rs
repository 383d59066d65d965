//! The Windows packages, from the mingw-w64 build: the per-user installer (NSIS's makensis,
//! `assets/packaging/windows/giamsat.nsi`) and the portable zip for USB sticks. Both hold
//! `giamsat.exe` (the window), `giamsat.com` (the console program, so `giamsat check …` in cmd
//! waits and prints) and the licences.

use crate::{Options, VERSION, WINDOWS_TARGET, on_path, run, target_dir};
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The marker's text: what it does, for whoever opens it.
const MARKER_TEXT: &str = "\
GiamSat — bản di động (portable)

Khi tệp này nằm cạnh giamsat.exe, GiamSat giữ thiết lập, bản lưu tự động và bản sao lưu trong
thư mục du-lieu bên cạnh, không để lại thiết lập hay dữ liệu của GiamSat trên máy tính đang
dùng. Xóa tệp này thì GiamSat dùng thư mục của người dùng trên máy như bản cài đặt.

While this file sits beside giamsat.exe, GiamSat keeps its settings, autosave and backups in
the du-lieu folder beside it, and leaves none of its settings or data on the computer it runs
on. Delete this file and GiamSat uses the user's folders on the computer, as an installed copy
does.
";

/// Checks that what the Windows packages need is here, before anything long starts.
pub fn preflight(o: &Options) -> Result<()> {
    if !on_path("makensis") {
        bail!(
            "makensis (NSIS) is missing: it builds the Windows installer. \
             On Debian or Ubuntu: apt install nsis"
        );
    }
    if o.no_build {
        return Ok(());
    }
    if !on_path("x86_64-w64-mingw32-gcc") {
        bail!(
            "x86_64-w64-mingw32-gcc (mingw-w64) is missing: it links the Windows build. \
             On Debian or Ubuntu: apt install gcc-mingw-w64-x86-64"
        );
    }
    if let Ok(out) = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        && !String::from_utf8_lossy(&out.stdout).contains(WINDOWS_TARGET)
    {
        bail!("Rust's Windows target is missing: rustup target add {WINDOWS_TARGET}");
    }
    Ok(())
}

/// The files both packages hold, as (name inside the package, source).
fn files(root: &Path, o: &Options) -> Result<Vec<(String, PathBuf)>> {
    let built = target_dir(root).join(WINDOWS_TARGET).join(o.profile_dir());
    let list = vec![
        ("giamsat.exe".to_string(), built.join("giamsat.exe")),
        ("giamsat.com".to_string(), built.join("giamsat-console.exe")),
        (
            "giamsat.ico".to_string(),
            root.join("assets/icon/giamsat.ico"),
        ),
        (
            "licenses/LICENSES.txt".to_string(),
            root.join("assets/packaging/LICENSES.txt"),
        ),
        (
            "licenses/NotoSans-LICENSE.txt".to_string(),
            root.join("assets/fonts/NotoSans-LICENSE.txt"),
        ),
        (
            "licenses/LiberationSerif-LICENSE.txt".to_string(),
            root.join("assets/fonts/LiberationSerif-LICENSE.txt"),
        ),
    ];
    for (_, source) in &list {
        if !source.is_file() {
            bail!(
                "{} is missing: build it first (without --no-build, or `cargo build --profile {} \
                 --target {WINDOWS_TARGET} --bin giamsat --bin giamsat-console`)",
                source.display(),
                o.profile
            );
        }
    }
    Ok(list)
}

/// The portable zip: `GiamSat/` holding the programs, the licences and the marker that keeps
/// settings and data beside the program.
pub fn portable_zip(files: &[(String, PathBuf)], path: &Path, fast: bool) -> Result<()> {
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(if fast { 1 } else { 9 }));
    let file = std::fs::File::create(path).with_context(|| format!("{}", path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    for (name, source) in files {
        let bytes = std::fs::read(source).with_context(|| format!("{}", source.display()))?;
        zip.start_file(format!("GiamSat/{name}"), options)?;
        zip.write_all(&bytes)?;
    }
    zip.start_file(
        format!("GiamSat/{}", giamsat::settings::PORTABLE_MARKER),
        options,
    )?;
    zip.write_all(MARKER_TEXT.replace('\n', "\r\n").as_bytes())?;
    zip.finish()?;
    Ok(())
}

pub fn package(root: &Path, o: &Options, out: &Path) -> Result<Vec<PathBuf>> {
    let files = files(root, o)?;
    let zip = out.join(format!("GiamSat-{VERSION}-windows-x64-portable.zip"));
    portable_zip(&files, &zip, o.fast)?;

    // The installer takes its files from one staging folder.
    let stage = target_dir(root).join("xtask/windows-stage");
    if stage.exists() {
        std::fs::remove_dir_all(&stage).with_context(|| format!("emptying {}", stage.display()))?;
    }
    for (name, source) in &files {
        let dest = stage.join(name);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::copy(source, &dest).with_context(|| format!("{}", source.display()))?;
    }
    let setup = out.join(format!("GiamSat-{VERSION}-windows-x64-setup.exe"));
    let define = |k: &str, v: &Path| {
        let mut s = std::ffi::OsString::from(format!("-D{k}="));
        s.push(v);
        s
    };
    run(Command::new("makensis")
        .args(["-V2", "-INPUTCHARSET", "UTF8"])
        .arg(format!("-DVERSION={VERSION}"))
        // Windows' version resource takes numbers only (no "-rc.1").
        .arg(format!(
            "-DVERSION_NUMERIC={}.{}.{}",
            env!("CARGO_PKG_VERSION_MAJOR"),
            env!("CARGO_PKG_VERSION_MINOR"),
            env!("CARGO_PKG_VERSION_PATCH")
        ))
        .arg(format!(
            "-DCOMPRESSOR={}",
            if o.fast { "zlib" } else { "lzma" }
        ))
        .arg(define("STAGE", &stage))
        .arg(define(
            "WIZARD",
            &root.join("assets/icon/giamsat-wizard.bmp"),
        ))
        .arg(define("OUTFILE", &setup))
        .arg(root.join("assets/packaging/windows/giamsat.nsi")))?;
    Ok(vec![setup, zip])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_portable_zip_is_one_folder_with_the_marker() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("giamsat.exe");
        std::fs::write(&exe, b"MZ").unwrap();
        let files = vec![("giamsat.exe".to_string(), exe)];
        let path = dir.path().join("p.zip");
        portable_zip(&files, &path, true).unwrap();
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
            .collect();
        assert_eq!(
            names,
            vec![
                "GiamSat/giamsat.exe".to_string(),
                "GiamSat/giamsat-portable.txt".to_string()
            ]
        );
        let mut marker = String::new();
        zip.by_name("GiamSat/giamsat-portable.txt")
            .unwrap()
            .read_to_string(&mut marker)
            .unwrap();
        // It tells a user what it does, in both languages, with Windows line ends.
        assert!(marker.contains("du-lieu") && marker.contains("settings"));
        assert!(marker.contains("\r\n"));
        // The folder the text names is the one GiamSat uses.
        assert!(marker.contains(giamsat::settings::PORTABLE_DATA));
    }
}
