//! What GiamSat remembers between runs (language, theme, recent files), and where it
//! keeps its own files. A damaged settings file falls back to defaults, is kept aside, and the
//! user is told. Knows nothing of egui.

use crate::i18n::Lang;
use crate::model::MoneyUnit;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const MAX_RECENT: usize = 10;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemePref {
    Light,
    Dark,
    #[default]
    System,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub theme: ThemePref,
    pub money_unit: MoneyUnit,
    pub recent_files: Vec<PathBuf>,
    /// The project open when GiamSat last closed, reopened at the next start.
    pub last_project: Option<PathBuf>,
    /// Always use GiamSat's own file dialog instead of the system's.
    pub builtin_file_dialog: bool,
    /// The chart view last looked at (`area-year`, `kind` …).
    pub chart_view: Option<String>,
    /// The name follow-up history is recorded under ("Hoàng Thị Lan").
    pub user_name: String,
    /// Team servers' addresses used before, newest first — never with a password.
    pub servers: Vec<String>,
    /// The province the last new project was made in (a committee works in its own).
    pub province: String,
    /// The follow-up board's rates and chart unfolded or folded, as last chosen (`None`:
    /// folded when the window is short).
    pub follow_up_summary: Option<bool>,
}

impl Settings {
    /// The same settings with every remembered path passed through `f`.
    fn with_paths(&self, f: impl Fn(&Path) -> PathBuf) -> Settings {
        Settings {
            recent_files: self.recent_files.iter().map(|p| f(p)).collect(),
            last_project: self.last_project.as_deref().map(&f),
            ..self.clone()
        }
    }

    /// Puts `path` first in the recent list.
    pub fn add_recent(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(MAX_RECENT);
    }

    /// Puts a server's address first among those used before. The address is kept as
    /// [`crate::store::server::Address`] shows it: without its password.
    pub fn add_server(&mut self, address: &crate::store::server::Address) {
        let shown = address.to_string();
        self.servers.retain(|s| s != &shown);
        self.servers.insert(0, shown);
        self.servers.truncate(MAX_RECENT);
    }

    pub fn remove_recent(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
    }
}

/// The system's name for the user (Windows `USERNAME`, Unix `USER` or `LOGNAME`); empty when
/// none is set.
pub fn system_user_name() -> String {
    ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_default()
}

/// Where GiamSat keeps its settings and autosave files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppPaths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    /// A portable copy's [`PORTABLE_DATA`] folder that could not be written (a read-only stick,
    /// a folder that needs administrator rights): the platform's folders are used instead, and
    /// the window says so.
    pub portable_refused: Option<PathBuf>,
    /// A portable copy's program folder: recent files kept on the same stick are remembered
    /// relative to it, so they still open when the stick gets another letter on another PC.
    pub portable_root: Option<PathBuf>,
}

/// The file that makes a copy of GiamSat portable: when it sits beside the program (as in the
/// portable zip for USB sticks), settings, autosave, backups and crash reports are kept in
/// [`PORTABLE_DATA`] beside the program instead of in the user's profile.
pub const PORTABLE_MARKER: &str = "giamsat-portable.txt";

/// The folder beside a portable program that holds its settings and data.
pub const PORTABLE_DATA: &str = "du-lieu";

impl AppPaths {
    /// `GIAMSAT_HOME` (tests, or a folder of the user's choosing), else [`PORTABLE_DATA`]
    /// beside the program when [`PORTABLE_MARKER`] is there, else the platform's folders: on
    /// Windows `%APPDATA%\MTTQ\GiamSat\{config,data}`, on Linux `~/.config/giamsat` and
    /// `~/.local/share/giamsat`.
    pub fn from_env() -> AppPaths {
        let program_dir = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf));
        AppPaths::choose(
            std::env::var_os("GIAMSAT_HOME").as_deref().map(Path::new),
            program_dir.as_deref(),
        )
    }

    /// [`AppPaths::from_env`] given the environment's `GIAMSAT_HOME` and the program's folder.
    pub fn choose(home: Option<&Path>, program_dir: Option<&Path>) -> AppPaths {
        if let Some(home) = home.filter(|h| !h.as_os_str().is_empty()) {
            return AppPaths::in_dir(home);
        }
        let mut refused = None;
        if let Some(dir) = program_dir.filter(|d| d.join(PORTABLE_MARKER).is_file()) {
            let mut portable = AppPaths::in_dir(&dir.join(PORTABLE_DATA));
            if portable.writable() {
                portable.portable_root = Some(dir.to_path_buf());
                return portable;
            }
            refused = Some(dir.join(PORTABLE_DATA));
        }
        let mut paths = match directories::ProjectDirs::from("vn", "MTTQ", "GiamSat") {
            Some(d) => AppPaths {
                config_dir: d.config_dir().to_path_buf(),
                data_dir: d.data_dir().to_path_buf(),
                portable_refused: None,
                portable_root: None,
            },
            None => AppPaths::in_dir(&std::env::temp_dir().join("giamsat")),
        };
        if refused.is_some() {
            // A folder of its own on this computer: an installed copy's settings, recent
            // files and autosave stay untouched.
            paths.config_dir.push("portable");
            paths.data_dir.push("portable");
            paths.portable_refused = refused;
        }
        paths
    }

    /// Whether both folders exist or can be made, and a file can be written in each.
    fn writable(&self) -> bool {
        [&self.config_dir, &self.data_dir].iter().all(|dir| {
            let probe = dir.join(format!(".giamsat-probe-{}", std::process::id()));
            let ok = std::fs::create_dir_all(dir).is_ok()
                && std::fs::OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .open(&probe)
                    .is_ok();
            let _ = std::fs::remove_file(&probe);
            ok
        })
    }

    /// Everything under one folder.
    pub fn in_dir(dir: &Path) -> AppPaths {
        AppPaths {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
            portable_refused: None,
            portable_root: None,
        }
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("settings.json")
    }

    pub fn autosave_dir(&self) -> PathBuf {
        self.data_dir.join("autosave")
    }

    /// Where eframe keeps the window's size and place (in pixels, with the monitor's scale, so
    /// that it reopens where it was on that monitor and never off-screen when one is gone).
    pub fn window_state_file(&self) -> PathBuf {
        self.data_dir.join("window.ron")
    }
}

/// How a portable copy remembers `path`: relative to its program folder when the file is in
/// that folder or in the one holding it (on the same stick: `Hồ sơ\x`, `..\Hồ sơ\x`), else
/// as it is. A path given relative to the working folder is made whole first.
fn to_stored(root: &Path, path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if let Ok(rest) = path.strip_prefix(root) {
        return rest.to_path_buf();
    }
    match root
        .parent()
        .and_then(|holder| path.strip_prefix(holder).ok())
    {
        Some(rest) => Path::new("..").join(rest),
        None => path,
    }
}

/// The path a portable copy remembered, back where the stick is now.
fn from_stored(root: &Path, path: &Path) -> PathBuf {
    use std::path::Component;
    if path.is_absolute() {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for c in root.join(path).components() {
        match (c, out.components().next_back()) {
            (Component::CurDir, _) => {}
            (Component::ParentDir, Some(Component::Normal(_))) => {
                out.pop();
            }
            // Nothing above a drive's root.
            (Component::ParentDir, Some(Component::RootDir | Component::Prefix(_))) => {}
            (other, _) => out.push(other),
        }
    }
    out
}

/// What loading the settings had to report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsNotice {
    /// The file was damaged; it was kept at this path and defaults are used.
    Corrupt { kept_at: PathBuf },
}

/// Loads the settings; a missing file gives defaults silently, a damaged one gives defaults
/// and a notice.
pub fn load(paths: &AppPaths) -> (Settings, Option<SettingsNotice>) {
    let file = paths.settings_file();
    let Ok(text) = std::fs::read_to_string(&file) else {
        return (Settings::default(), None);
    };
    match serde_json::from_str::<Settings>(&text) {
        Ok(s) => match &paths.portable_root {
            Some(root) => (s.with_paths(|p| from_stored(root, p)), None),
            None => (s, None),
        },
        Err(_) => {
            let kept = crate::fsutil::free_name_beside(&file, ".bad");
            let _ = std::fs::rename(&file, &kept);
            (
                Settings::default(),
                Some(SettingsNotice::Corrupt { kept_at: kept }),
            )
        }
    }
}

pub fn save(paths: &AppPaths, settings: &Settings) -> std::io::Result<()> {
    std::fs::create_dir_all(&paths.config_dir)?;
    let stored = match &paths.portable_root {
        Some(root) => settings.with_paths(|p| to_stored(root, p)),
        None => settings.clone(),
    };
    let text = serde_json::to_string_pretty(&stored).map_err(std::io::Error::other)?;
    crate::fsutil::write_atomically(&paths.settings_file(), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_recent_list() {
        let dir = tempfile::tempdir().unwrap();
        let paths = AppPaths::in_dir(dir.path());
        let mut s = Settings {
            lang: Lang::En,
            ..Default::default()
        };
        for i in 0..12 {
            s.add_recent(Path::new(&format!("/tmp/{i}.giamsat")));
        }
        s.add_recent(Path::new("/tmp/3.giamsat"));
        assert_eq!(s.recent_files.len(), MAX_RECENT);
        assert_eq!(s.recent_files[0], Path::new("/tmp/3.giamsat"));
        save(&paths, &s).unwrap();
        assert_eq!(load(&paths), (s, None));
    }

    #[test]
    fn a_damaged_file_gives_defaults_and_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let paths = AppPaths::in_dir(dir.path());
        std::fs::create_dir_all(&paths.config_dir).unwrap();
        std::fs::write(
            paths.settings_file(),
            "{\"lang\": \"vi\", \"recent_files\": [1,",
        )
        .unwrap();
        let (s, notice) = load(&paths);
        assert_eq!(s, Settings::default());
        let Some(SettingsNotice::Corrupt { kept_at }) = notice else {
            panic!("expected a notice")
        };
        assert!(
            std::fs::read_to_string(kept_at)
                .unwrap()
                .contains("recent_files")
        );
        // Unknown fields from a newer version are ignored, not treated as damage.
        std::fs::write(paths.settings_file(), "{\"lang\": \"en\", \"future\": 1}").unwrap();
        assert_eq!(load(&paths).0.lang, Lang::En);
    }

    #[test]
    fn a_marker_beside_the_program_keeps_everything_beside_it() {
        let stick = tempfile::tempdir().unwrap();
        let program_dir = stick.path().join("GiamSat");
        std::fs::create_dir_all(&program_dir).unwrap();
        // Without the marker: the user's profile, never the stick.
        let installed = AppPaths::choose(None, Some(&program_dir));
        assert!(!installed.config_dir.starts_with(stick.path()));
        // With it: settings and data in `du-lieu` beside the program.
        std::fs::write(program_dir.join(PORTABLE_MARKER), "portable").unwrap();
        let portable = AppPaths::choose(None, Some(&program_dir));
        let beside = AppPaths::in_dir(&program_dir.join(PORTABLE_DATA));
        assert_eq!(
            (&portable.config_dir, &portable.data_dir),
            (&beside.config_dir, &beside.data_dir)
        );
        assert_eq!(
            portable.portable_root.as_deref(),
            Some(program_dir.as_path())
        );
        let s = Settings {
            lang: Lang::En,
            ..Default::default()
        };
        save(&portable, &s).unwrap();
        assert!(program_dir.join("du-lieu/config/settings.json").is_file());
        // GIAMSAT_HOME still wins (tests, or a folder the user chose); an empty one does not.
        let home = tempfile::tempdir().unwrap();
        assert_eq!(
            AppPaths::choose(Some(home.path()), Some(&program_dir)),
            AppPaths::in_dir(home.path())
        );
        assert_eq!(
            AppPaths::choose(Some(Path::new("")), Some(&program_dir)),
            portable
        );
        // A stick that cannot be written: the user's folders, and the refused folder named.
        let ro = tempfile::tempdir().unwrap();
        let ro_program = ro.path().join("GiamSat");
        std::fs::create_dir_all(&ro_program).unwrap();
        std::fs::write(ro_program.join(PORTABLE_MARKER), "portable").unwrap();
        // (A file where the folder should be: refused even for root, as in CI.)
        std::fs::write(ro_program.join(PORTABLE_DATA), "not a folder").unwrap();
        let fallback = AppPaths::choose(None, Some(&ro_program));
        assert!(!fallback.config_dir.starts_with(ro.path()));
        // …in a folder of its own, apart from an installed copy's.
        assert!(
            fallback.config_dir.ends_with("portable") && fallback.data_dir.ends_with("portable")
        );
        assert_ne!(fallback.config_dir, installed.config_dir);
        assert_eq!(
            fallback.portable_refused,
            Some(ro_program.join(PORTABLE_DATA))
        );
        assert_eq!(portable.portable_refused, None);
        // Recent files on the stick are kept relative to the program, and found again when
        // the stick is somewhere else (another letter, another PC); others stay as they are.
        let on_stick = stick.path().join("Hồ sơ").join("Dự án 7.giamsat");
        let elsewhere = home.path().join("khác.giamsat");
        let mut s = Settings::default();
        s.add_recent(&elsewhere);
        s.add_recent(&on_stick);
        s.last_project = Some(on_stick.clone());
        save(&portable, &s).unwrap();
        let text = std::fs::read_to_string(portable.settings_file()).unwrap();
        assert!(
            !text.contains(&stick.path().display().to_string()),
            "{text}"
        );
        assert_eq!(load(&portable).0, s);
        let moved = tempfile::tempdir().unwrap();
        let moved_program = moved.path().join("GiamSat");
        std::fs::create_dir_all(moved_program.join(PORTABLE_DATA).join("config")).unwrap();
        std::fs::write(moved_program.join(PORTABLE_MARKER), "portable").unwrap();
        std::fs::copy(
            portable.settings_file(),
            moved_program.join("du-lieu/config/settings.json"),
        )
        .unwrap();
        let there = load(&AppPaths::choose(None, Some(&moved_program))).0;
        let on_moved_stick = moved.path().join("Hồ sơ").join("Dự án 7.giamsat");
        assert_eq!(there.recent_files, vec![on_moved_stick.clone(), elsewhere]);
        assert_eq!(there.last_project, Some(on_moved_stick));
        // A folder named like the marker is not the marker.
        std::fs::remove_file(program_dir.join(PORTABLE_MARKER)).unwrap();
        std::fs::create_dir(program_dir.join(PORTABLE_MARKER)).unwrap();
        assert_ne!(AppPaths::choose(None, Some(&program_dir)), portable);
    }

    #[test]
    fn portable_paths_follow_the_stick_and_never_climb_above_its_root() {
        let p = |s: &str| PathBuf::from(s);
        if cfg!(windows) {
            // A program at the root of the stick, and in a folder on it.
            let stored = to_stored(Path::new(r"E:\"), Path::new(r"E:\Hồ sơ\Dự án 7.giamsat"));
            assert_eq!(stored, p(r"Hồ sơ\Dự án 7.giamsat"));
            assert_eq!(
                from_stored(Path::new(r"F:\"), &stored),
                p(r"F:\Hồ sơ\Dự án 7.giamsat")
            );
            let stored = to_stored(Path::new(r"E:\GiamSat"), Path::new(r"E:\Hồ sơ\a.giamsat"));
            assert_eq!(stored, p(r"..\Hồ sơ\a.giamsat"));
            assert_eq!(
                from_stored(Path::new(r"F:\GiamSat"), &stored),
                p(r"F:\Hồ sơ\a.giamsat")
            );
            // Another drive stays as it is.
            assert_eq!(
                to_stored(Path::new(r"E:\GiamSat"), Path::new(r"C:\a.giamsat")),
                p(r"C:\a.giamsat")
            );
            assert_eq!(
                from_stored(Path::new(r"F:\"), Path::new(r"..\..\x.giamsat")),
                p(r"F:\x.giamsat")
            );
        } else {
            let stored = to_stored(Path::new("/"), Path::new("/Hồ sơ/Dự án 7.giamsat"));
            assert_eq!(stored, p("Hồ sơ/Dự án 7.giamsat"));
            let stored = to_stored(
                Path::new("/media/a/GiamSat"),
                Path::new("/media/a/GiamSat/x.giamsat"),
            );
            assert_eq!(stored, p("x.giamsat"));
            assert_eq!(
                from_stored(Path::new("/media/b/GiamSat"), &stored),
                p("/media/b/GiamSat/x.giamsat")
            );
            assert_eq!(
                to_stored(
                    Path::new("/media/a/GiamSat"),
                    Path::new("/home/u/x.giamsat")
                ),
                p("/home/u/x.giamsat")
            );
            assert_eq!(
                from_stored(Path::new("/m"), Path::new("../../x.giamsat")),
                p("/x.giamsat")
            );
        }
        // A name typed relative to the working folder is remembered whole.
        let cwd = std::env::current_dir().unwrap();
        let root = cwd.join("nowhere-near").join("GiamSat");
        assert_eq!(
            to_stored(&root, Path::new("rel.giamsat")),
            cwd.join("rel.giamsat")
        );
    }
}
