//! Tells the program which commit it was built from and when, for `giamsat --version` and
//! Help → Giới thiệu. Without git (a source archive) the commit is "không rõ".
//!
//! For Windows it also links the icon, the version information Explorer shows (Properties →
//! Details) and the manifest (`assets/packaging/windows/giamsat.exe.manifest`) into
//! `giamsat.exe` and `giamsat.com`, with mingw-w64's windres.

use std::path::Path;
use std::process::Command;

/// The civil date (UTC) of a count of days since 1970-01-01.
fn date_of(days: i64) -> (i64, i64, i64) {
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "không rõ".to_string());
    // SOURCE_DATE_EPOCH makes a build reproducible; otherwise today.
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (y, m, d) = date_of(seconds.div_euclid(86_400));
    println!("cargo:rustc-env=GIAMSAT_COMMIT={commit}");
    println!("cargo:rustc-env=GIAMSAT_BUILD_DATE={y:04}-{m:02}-{d:02}");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resources(&format!("{y:04}-{m:02}-{d:02}"), &commit);
    }
    for f in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if Path::new(f).exists() {
            println!("cargo:rerun-if-changed={f}");
        }
    }
}

/// A string for a resource script: quotes doubled, no line breaks.
fn rc_string(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\"").replace(['\r', '\n'], " "))
}

/// Writes the resource script into OUT_DIR (absolute paths, so windres finds the files from
/// anywhere) and has embed-resource compile and link it into the two Windows programs.
fn windows_resources(date: &str, commit: &str) {
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    let (Ok(out), Ok(root)) = (
        std::env::var("OUT_DIR"),
        std::env::var("CARGO_MANIFEST_DIR"),
    ) else {
        return;
    };
    let root = root.replace('\\', "/");
    let icon = format!("{root}/assets/icon/giamsat.ico");
    let manifest = format!("{root}/assets/packaging/windows/giamsat.exe.manifest");
    println!("cargo:rerun-if-changed={icon}");
    println!("cargo:rerun-if-changed={manifest}");
    let number = |k: &str| env(k).parse::<u16>().unwrap_or(0);
    let (major, minor, patch) = (
        number("CARGO_PKG_VERSION_MAJOR"),
        number("CARGO_PKG_VERSION_MINOR"),
        number("CARGO_PKG_VERSION_PATCH"),
    );
    let version = env("CARGO_PKG_VERSION");
    let strings = [
        ("CompanyName", "GiamSat developers".to_string()),
        (
            "FileDescription",
            "GiamSat — giám sát thực hiện chương trình".to_string(),
        ),
        ("FileVersion", format!("{version} ({commit}, {date})")),
        ("InternalName", "giamsat".to_string()),
        (
            "LegalCopyright",
            "© GiamSat developers — MIT OR Apache-2.0".to_string(),
        ),
        ("OriginalFilename", String::new()),
        ("ProductName", "GiamSat".to_string()),
        ("ProductVersion", version.clone()),
    ];
    let mut common = String::from("#pragma code_page(65001)\n");
    common += &format!("1 ICON {}\n", rc_string(&icon));
    common += &format!("1 24 {}\n", rc_string(&manifest));
    common += &format!(
        "1 VERSIONINFO\nFILEVERSION {major},{minor},{patch},0\nPRODUCTVERSION {major},{minor},{patch},0\n\
         FILEOS 0x40004\nFILETYPE 0x1\nBEGIN\n  BLOCK \"StringFileInfo\"\n  BEGIN\n    BLOCK \"000004b0\"\n    BEGIN\n"
    );
    for (k, v) in strings {
        common += &format!("      VALUE \"{k}\", {}\n", rc_string(&v));
    }
    common += "    END\n  END\n  BLOCK \"VarFileInfo\"\n  BEGIN\n    VALUE \"Translation\", 0x0, 1200\n  END\nEND\n";
    // One script per program, so that Explorer names each by its own file.
    for (bin, file) in [
        ("giamsat", "giamsat.exe"),
        ("giamsat-console", "giamsat.com"),
    ] {
        let text = common.replace(
            "\"OriginalFilename\", \"\"",
            &format!("\"OriginalFilename\", {}", rc_string(file)),
        );
        let path = Path::new(&out).join(format!("{bin}.rc"));
        if let Err(e) = std::fs::write(&path, text) {
            panic!("could not write {}: {e}", path.display());
        }
        // Without windres (no mingw-w64) the build stops here with what is missing, rather
        // than shipping a program without its icon and manifest.
        if let Err(e) =
            embed_resource::compile_for(&path, [bin], embed_resource::NONE).manifest_required()
        {
            panic!("{e}");
        }
    }
}
