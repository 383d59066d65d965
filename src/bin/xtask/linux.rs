//! The Linux packages: the .deb by cargo-deb (installed into `target/xtask-tools` when it is
//! not on PATH), and a .tar.gz holding the same files (from the one list in Cargo.toml's
//! `[package.metadata.deb].assets`) under `giamsat-VERSION/`.

use crate::{Options, VERSION, run, target_dir};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The cargo-deb release `dist` uses when it has to install one.
const CARGO_DEB: &str = "3.8.0";

const README: &str = "\
GiamSat — bản cho Linux (tệp nén)
================================

Chạy ngay:      ./bin/giamsat
Cài cho riêng bạn (biểu tượng trong menu, mở tệp .giamsat bằng GiamSat):
    cp -r bin share ~/.local/
    update-mime-database ~/.local/share/mime
    update-desktop-database ~/.local/share/applications
Trên Debian, Ubuntu: cài gói giamsat_VERSION_amd64.deb thì tiện hơn.

GiamSat for Linux (archive)
===========================

Run it:         ./bin/giamsat
Install for yourself (menu entry, .giamsat files open in GiamSat):
    cp -r bin share ~/.local/
    update-mime-database ~/.local/share/mime
    update-desktop-database ~/.local/share/applications
On Debian or Ubuntu the giamsat_VERSION_amd64.deb package is easier.
";

/// One file of the package: where it comes from, where it goes (below `/usr`), its mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub source: PathBuf,
    pub dest: String,
    pub mode: u32,
}

/// The package's files, from `[package.metadata.deb].assets`, with `target/release/` read as
/// the profile's own folder (as cargo-deb does).
pub fn assets(manifest: &str, target: &Path, profile_dir: &str) -> Result<Vec<Asset>> {
    let table: toml::Table = manifest.parse().context("Cargo.toml")?;
    let list = table
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("deb"))
        .and_then(|d| d.get("assets"))
        .and_then(|a| a.as_array())
        .context("Cargo.toml has no [package.metadata.deb] assets")?;
    let mut out = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let fields: Vec<&str> = entry
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let [source, dest, mode] = fields.as_slice() else {
            bail!(
                "Cargo.toml: deb asset {} is not [source, dest, mode]",
                i + 1
            );
        };
        let source = match source.strip_prefix("target/release/") {
            Some(rest) => target.join(profile_dir).join(rest),
            None => PathBuf::from(source),
        };
        let mut dest = dest.to_string();
        if dest.ends_with('/') {
            let name = source
                .file_name()
                .and_then(|n| n.to_str())
                .context("an asset without a file name")?;
            dest += name;
        }
        let mode = u32::from_str_radix(mode, 8)
            .with_context(|| format!("Cargo.toml: deb asset {}: mode {mode}", i + 1))?;
        out.push(Asset { source, dest, mode });
    }
    Ok(out)
}

/// The .tar.gz: `giamsat-VERSION/` holding `bin/`, `share/` (as below `/usr`) and README.txt,
/// owned by root, dated `mtime`, in the list's order — the same input gives the same bytes.
pub fn tarball(assets: &[Asset], path: &Path, mtime: u64, fast: bool) -> Result<()> {
    let level = if fast {
        flate2::Compression::fast()
    } else {
        flate2::Compression::best()
    };
    let file = std::fs::File::create(path).with_context(|| format!("{}", path.display()))?;
    let mut tar = tar::Builder::new(flate2::write::GzEncoder::new(file, level));
    let top = format!("giamsat-{VERSION}");
    let mut add = |name: &str, mode: u32, bytes: &[u8]| -> Result<()> {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(mode);
        header.set_mtime(mtime);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, format!("{top}/{name}"), bytes)?;
        Ok(())
    };
    add(
        "README.txt",
        0o644,
        README.replace("VERSION", VERSION).as_bytes(),
    )?;
    for a in assets {
        let bytes = std::fs::read(&a.source)
            .with_context(|| format!("{} (is it built?)", a.source.display()))?;
        let name = a.dest.strip_prefix("usr/").unwrap_or(&a.dest);
        add(name, a.mode, &bytes)?;
    }
    tar.into_inner()?.finish()?;
    Ok(())
}

/// cargo-deb, the release we know (its options and output were checked against this one),
/// installed into `target/xtask-tools` the first time.
fn cargo_deb(target: &Path) -> Result<PathBuf> {
    let root = target.join("xtask-tools");
    let exe = root.join("bin/cargo-deb");
    let version = Command::new(&exe).arg("--version").output();
    let ours = version.is_ok_and(|v| String::from_utf8_lossy(&v.stdout).contains(CARGO_DEB));
    if !ours {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        run(Command::new(cargo)
            .args([
                "install",
                "--locked",
                "--force",
                "cargo-deb",
                "--version",
                CARGO_DEB,
            ])
            .arg("--root")
            .arg(&root))
        .context("installing cargo-deb (needs crates.io)")?;
    }
    Ok(exe)
}

pub fn package(root: &Path, o: &Options, out: &Path, mtime: u64) -> Result<Vec<PathBuf>> {
    let target = target_dir(root);
    let manifest_path = root.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .with_context(|| format!("{}", manifest_path.display()))?;
    let assets = assets(&manifest, &target, o.profile_dir())?;
    for a in &assets {
        if !a.source.is_file() {
            bail!(
                "{} is missing: build it first (without --no-build, or `cargo build --profile {}`)",
                a.source.display(),
                o.profile
            );
        }
    }
    let deb = out.join(format!("giamsat_{VERSION}_amd64.deb"));
    let mut cmd = Command::new(cargo_deb(&target)?);
    cmd.args([
        "deb",
        "--no-build",
        "--locked",
        "--profile",
        &o.profile,
        "--output",
    ])
    .arg(&deb);
    if o.fast {
        cmd.arg("--fast");
    }
    run(&mut cmd)?;
    let tgz = out.join(format!("giamsat-{VERSION}-linux-x86_64.tar.gz"));
    tarball(&assets, &tgz, mtime, o.fast)?;
    Ok(vec![deb, tgz])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_package_list_in_cargo_toml_is_whole() {
        let manifest = include_str!("../../../Cargo.toml");
        let list = assets(manifest, Path::new("/t"), "dist").unwrap();
        let dests: Vec<&str> = list.iter().map(|a| a.dest.as_str()).collect();
        // The program from the profile's folder, executable.
        assert_eq!(list[0].source, Path::new("/t/dist/giamsat"));
        assert_eq!(
            (list[0].dest.as_str(), list[0].mode),
            ("usr/bin/giamsat", 0o755)
        );
        for needed in [
            "usr/share/applications/vn.mttq.GiamSat.desktop",
            "usr/share/mime/packages/giamsat.xml",
            "usr/share/metainfo/vn.mttq.GiamSat.metainfo.xml",
            "usr/share/icons/hicolor/scalable/apps/giamsat.svg",
            "usr/share/icons/hicolor/16x16/apps/giamsat.png",
            "usr/share/icons/hicolor/512x512/apps/giamsat.png",
            "usr/share/doc/giamsat/NotoSans-LICENSE.txt",
        ] {
            assert!(dests.contains(&needed), "{needed} is not packed");
        }
        // Every other file exists in the checkout.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for a in &list[1..] {
            assert!(root.join(&a.source).is_file(), "{}", a.source.display());
        }
    }

    #[test]
    fn the_tarball_holds_the_files_under_one_folder() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("giamsat");
        std::fs::write(&bin, b"\x7fELF").unwrap();
        let list = vec![
            Asset {
                source: bin,
                dest: "usr/bin/giamsat".into(),
                mode: 0o755,
            },
            Asset {
                source: Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icon/giamsat.svg"),
                dest: "usr/share/icons/hicolor/scalable/apps/giamsat.svg".into(),
                mode: 0o644,
            },
        ];
        let path = dir.path().join("g.tar.gz");
        tarball(&list, &path, 1_700_000_000, true).unwrap();
        let gz = flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap());
        let mut archive = tar::Archive::new(gz);
        let mut seen = Vec::new();
        for e in archive.entries().unwrap() {
            let e = e.unwrap();
            let h = e.header();
            seen.push((
                e.path().unwrap().display().to_string(),
                h.mode().unwrap(),
                h.mtime().unwrap(),
            ));
        }
        let top = format!("giamsat-{VERSION}");
        assert_eq!(
            seen,
            vec![
                (format!("{top}/README.txt"), 0o644, 1_700_000_000),
                (format!("{top}/bin/giamsat"), 0o755, 1_700_000_000),
                (
                    format!("{top}/share/icons/hicolor/scalable/apps/giamsat.svg"),
                    0o644,
                    1_700_000_000
                ),
            ]
        );
        // The same input gives the same bytes.
        let again = dir.path().join("h.tar.gz");
        tarball(&list, &again, 1_700_000_000, true).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&again).unwrap()
        );
    }
}
