//! `cargo xtask dist`: builds GiamSat for Linux and Windows and packs what staff download into
//! `dist/`, with SHA-256 sums — from a clean checkout, on Linux, in one command:
//!
//! - `giamsat_VERSION_amd64.deb` (cargo-deb, from `[package.metadata.deb]` in Cargo.toml) and
//!   `giamsat-VERSION-linux-x86_64.tar.gz` (the same files under one folder);
//! - `GiamSat-VERSION-windows-x64-setup.exe` (NSIS, `assets/packaging/windows/giamsat.nsi`)
//!   and `GiamSat-VERSION-windows-x64-portable.zip` (for USB sticks: settings and data beside
//!   the program);
//! - `SHA256SUMS` (`sha256sum -c SHA256SUMS` checks them).
//!
//! CI packs the debug builds its tests already made: `cargo xtask dist --profile dev
//! --no-build --fast`.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod linux;
mod windows;

use anyhow::{Context, Result, bail};
use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";

#[derive(Parser, Debug)]
#[command(name = "cargo xtask", about = "GiamSat's own build tasks")]
enum Task {
    /// Build every package into dist/ (Linux .deb and .tar.gz, Windows installer and portable
    /// zip) with SHA256SUMS.
    Dist(Options),
}

#[derive(clap::Args, Debug, Clone)]
pub struct Options {
    /// Cargo profile to build and pack (`dist` is the small, fast one staff get).
    #[arg(long, default_value = "dist")]
    pub profile: String,
    /// Pack what is already built instead of building.
    #[arg(long)]
    pub no_build: bool,
    /// Compress quickly (bigger files): for CI's checks, not for release.
    #[arg(long)]
    pub fast: bool,
    /// Only the Linux packages.
    #[arg(long, conflicts_with = "windows_only")]
    pub linux_only: bool,
    /// Only the Windows packages.
    #[arg(long)]
    pub windows_only: bool,
    /// Where the packages go (earlier packages of the same version are replaced; nothing else
    /// there is touched).
    #[arg(long, default_value = "dist")]
    pub out: PathBuf,
}

impl Options {
    /// The folder under `target/` that Cargo builds this profile into.
    pub fn profile_dir(&self) -> &str {
        match self.profile.as_str() {
            "dev" | "test" => "debug",
            "bench" => "release",
            other => other,
        }
    }
}

/// The workspace's `target` folder.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root.join(p) })
        .unwrap_or_else(|| root.join("target"))
}

/// Runs a command, failing with what was run when it does not succeed.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("$ {shown}");
    let status = cmd
        .status()
        .with_context(|| format!("could not start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

/// Whether a program can be found on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// The commit's time, so that two builds of one commit carry the same dates.
fn source_date_epoch(root: &Path) -> Option<String> {
    if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH") {
        return v.into_string().ok();
    }
    let out = Command::new("git")
        .args(["log", "-1", "--format=%ct"])
        .current_dir(root)
        .output()
        .ok()?;
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !s.is_empty()).then_some(s)
}

/// The SHA-256 sums file, in `sha256sum`'s format, of the files in `dir` (sorted by name).
pub fn write_sums(dir: &Path, files: &[PathBuf]) -> Result<PathBuf> {
    use sha2::{Digest, Sha256};
    let mut names: Vec<&PathBuf> = files.iter().collect();
    names.sort();
    let mut text = String::new();
    for f in names {
        let mut hasher = Sha256::new();
        let mut file = std::fs::File::open(f).with_context(|| format!("{}", f.display()))?;
        std::io::copy(&mut file, &mut hasher).with_context(|| format!("{}", f.display()))?;
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .context("a package's name is not UTF-8")?;
        let hex: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        text += &format!("{hex}  {name}\n");
    }
    let path = dir.join("SHA256SUMS");
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

fn dist(o: &Options) -> Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // A relative --out is where the command was typed, as a user expects.
    let out = std::path::absolute(&o.out)
        .with_context(|| format!("the output folder {}", o.out.display()))?;
    std::env::set_current_dir(&root).with_context(|| format!("entering {}", root.display()))?;
    let (linux, windows) = (!o.windows_only, !o.linux_only);
    // What is missing, said before anything long starts.
    if windows {
        windows::preflight(o)?;
    }
    let epoch = source_date_epoch(&root);
    if !o.no_build {
        let build = |target: Option<&str>, bins: &[&str]| {
            let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
            cmd.args(["build", "--locked", "--profile", &o.profile]);
            if let Some(t) = target {
                cmd.args(["--target", t]);
            }
            for b in bins {
                cmd.args(["--bin", b]);
            }
            if let Some(e) = &epoch {
                cmd.env("SOURCE_DATE_EPOCH", e);
            }
            run(&mut cmd)
        };
        if linux {
            build(None, &["giamsat"])?;
        }
        if windows {
            build(Some(WINDOWS_TARGET), &["giamsat", "giamsat-console"])?;
        }
    }
    // Each package is written over its earlier self; nothing else in the folder is touched.
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let mtime = epoch.as_deref().and_then(|e| e.parse().ok()).unwrap_or(0);
    let mut made = Vec::new();
    if linux {
        made.extend(linux::package(&root, o, &out, mtime)?);
    }
    if windows {
        made.extend(windows::package(&root, o, &out)?);
    }
    let sums = write_sums(&out, &made)?;
    println!("\nGiamSat {VERSION} — {}:", out.display());
    for f in made.iter().chain([&sums]) {
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        println!("  {name:<48} {:>8.1} MB", size as f64 / 1e6);
    }
    Ok(())
}

fn main() -> ExitCode {
    let Task::Dist(o) = Task::parse_from(
        // `cargo xtask dist …` arrives as `xtask dist …`.
        std::env::args_os(),
    );
    match dist(&o) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask dist: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_in_sha256sums_format_and_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let b = dir.path().join("b.zip");
        let a = dir.path().join("a.deb");
        std::fs::write(&b, b"abc").unwrap();
        std::fs::write(&a, b"").unwrap();
        let sums = write_sums(dir.path(), &[b, a]).unwrap();
        assert_eq!(
            std::fs::read_to_string(sums).unwrap(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.deb\n\
             ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  b.zip\n"
        );
    }

    #[test]
    fn profiles_map_to_their_folders() {
        let o = |p: &str| Options {
            profile: p.into(),
            no_build: true,
            fast: false,
            linux_only: false,
            windows_only: false,
            out: "dist".into(),
        };
        assert_eq!(o("dev").profile_dir(), "debug");
        assert_eq!(o("dist").profile_dir(), "dist");
        assert_eq!(o("release").profile_dir(), "release");
    }
}
