//! Every user action the menus, the keyboard shortcuts and the command palette offer, in one
//! enum: a menu item, its shortcut and its palette entry can never disagree.

use crate::i18n::Texts;
use egui::{Key, KeyboardShortcut, Modifiers};

/// The main screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum View {
    #[default]
    Data,
    Charts,
    Drafting,
    FollowUp,
    Print,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Data,
        View::Charts,
        View::Drafting,
        View::FollowUp,
        View::Print,
    ];

    /// The name used on the command line (`--view follow-up`).
    pub fn code(self) -> &'static str {
        match self {
            View::Data => "data",
            View::Charts => "charts",
            View::Drafting => "drafting",
            View::FollowUp => "follow-up",
            View::Print => "print",
        }
    }

    pub fn from_code(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.code() == s)
    }

    pub fn command(self) -> Command {
        match self {
            View::Data => Command::ViewData,
            View::Charts => Command::ViewCharts,
            View::Drafting => Command::ViewDrafting,
            View::FollowUp => Command::ViewFollowUp,
            View::Print => Command::ViewPrint,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    New,
    Open,
    OpenServer,
    CheckIn,
    Save,
    SaveAs,
    ImportJson,
    ImportTable,
    ImportSuccessions,
    ExportJson,
    ExportTable,
    RestoreBackup,
    Close,
    Quit,
    Undo,
    Redo,
    Palette,
    Search,
    ViewData,
    ViewCharts,
    ViewDrafting,
    ViewFollowUp,
    ViewPrint,
    LangVi,
    LangEn,
    ThemeLight,
    ThemeDark,
    ThemeSystem,
    Guide,
    About,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

impl Command {
    pub const ALL: [Command; 30] = [
        Command::New,
        Command::Open,
        Command::OpenServer,
        Command::CheckIn,
        Command::Save,
        Command::SaveAs,
        Command::ImportJson,
        Command::ImportTable,
        Command::ImportSuccessions,
        Command::ExportJson,
        Command::ExportTable,
        Command::RestoreBackup,
        Command::Close,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::Palette,
        Command::Search,
        Command::ViewData,
        Command::ViewCharts,
        Command::ViewDrafting,
        Command::ViewFollowUp,
        Command::ViewPrint,
        Command::LangVi,
        Command::LangEn,
        Command::ThemeLight,
        Command::ThemeDark,
        Command::ThemeSystem,
        Command::Guide,
        Command::About,
    ];

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Command::New => t.cmd_new,
            Command::Open => t.cmd_open,
            Command::OpenServer => t.cmd_open_server,
            Command::CheckIn => t.cmd_check_in,
            Command::Save => t.cmd_save,
            Command::SaveAs => t.cmd_save_as,
            Command::ImportJson => t.cmd_import_json,
            Command::ImportTable => t.cmd_import_table,
            Command::ImportSuccessions => t.cmd_import_successions,
            Command::ExportTable => t.cmd_export_table,
            Command::ExportJson => t.cmd_export_json,
            Command::RestoreBackup => t.cmd_restore_backup,
            Command::Close => t.cmd_close,
            Command::Quit => t.cmd_quit,
            Command::Undo => t.cmd_undo,
            Command::Redo => t.cmd_redo,
            Command::Palette => t.cmd_palette,
            Command::Search => t.cmd_search,
            Command::ViewData => t.cmd_view_data,
            Command::ViewCharts => t.cmd_view_charts,
            Command::ViewDrafting => t.cmd_view_drafting,
            Command::ViewFollowUp => t.cmd_view_follow_up,
            Command::ViewPrint => t.cmd_view_print,
            Command::LangVi => crate::i18n::Lang::Vi.native_name(),
            Command::LangEn => crate::i18n::Lang::En.native_name(),
            Command::ThemeLight => t.cmd_theme_light,
            Command::ThemeDark => t.cmd_theme_dark,
            Command::ThemeSystem => t.cmd_theme_system,
            Command::Guide => t.cmd_guide,
            Command::About => t.cmd_about,
        }
    }

    /// The keyboard shortcuts, the first one shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [ctrl(Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [ctrl(Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [ctrl(Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [ctrl_shift(Key::S)];
        const CLOSE: [KeyboardShortcut; 1] = [ctrl(Key::W)];
        const QUIT: [KeyboardShortcut; 1] = [ctrl(Key::Q)];
        const UNDO: [KeyboardShortcut; 1] = [ctrl(Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [ctrl(Key::Y), ctrl_shift(Key::Z)];
        const PALETTE: [KeyboardShortcut; 1] = [ctrl(Key::K)];
        const SEARCH: [KeyboardShortcut; 1] = [ctrl(Key::F)];
        const V1: [KeyboardShortcut; 1] = [ctrl(Key::Num1)];
        const V2: [KeyboardShortcut; 1] = [ctrl(Key::Num2)];
        const V3: [KeyboardShortcut; 1] = [ctrl(Key::Num3)];
        const V4: [KeyboardShortcut; 1] = [ctrl(Key::Num4)];
        const V5: [KeyboardShortcut; 1] = [ctrl(Key::Num5)];
        const F1: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::F1)];
        match self {
            Command::New => &NEW,
            Command::Open => &OPEN,
            Command::Save => &SAVE,
            Command::SaveAs => &SAVE_AS,
            Command::Close => &CLOSE,
            Command::Quit => &QUIT,
            Command::Undo => &UNDO,
            Command::Redo => &REDO,
            Command::Palette => &PALETTE,
            Command::Search => &SEARCH,
            Command::ViewData => &V1,
            Command::ViewCharts => &V2,
            Command::ViewDrafting => &V3,
            Command::ViewFollowUp => &V4,
            Command::ViewPrint => &V5,
            Command::Guide => &F1,
            _ => &[],
        }
    }

    /// Undo and redo belong to a text field while one is being edited (its own undo).
    pub fn yields_to_text_field(self) -> bool {
        matches!(self, Command::Undo | Command::Redo)
    }
}

/// Every (shortcut, command) pair, most specific first: egui matches Ctrl+S also when Shift is
/// held, so Ctrl+Shift+S must be tried before Ctrl+S.
pub fn shortcut_table() -> Vec<(KeyboardShortcut, Command)> {
    let mut all: Vec<(KeyboardShortcut, Command)> = Command::ALL
        .iter()
        .flat_map(|c| c.shortcuts().iter().map(move |s| (*s, *c)))
        .collect();
    let weight = |s: &KeyboardShortcut| {
        let m = s.modifiers;
        u8::from(m.shift) + u8::from(m.alt) + u8::from(m.ctrl || m.command || m.mac_cmd)
    };
    all.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s)));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let table = shortcut_table();
        for (i, (a, ca)) in table.iter().enumerate() {
            for (b, cb) in &table[i + 1..] {
                assert!(a != b, "{ca:?} and {cb:?} share a shortcut");
            }
        }
    }

    #[test]
    fn the_issue_s_shortcuts_are_bound() {
        let find = |s: KeyboardShortcut| {
            shortcut_table()
                .into_iter()
                .find(|(x, _)| *x == s)
                .map(|(_, c)| c)
        };
        assert_eq!(find(ctrl(Key::N)), Some(Command::New));
        assert_eq!(find(ctrl(Key::O)), Some(Command::Open));
        assert_eq!(find(ctrl(Key::S)), Some(Command::Save));
        assert_eq!(find(ctrl_shift(Key::S)), Some(Command::SaveAs));
        assert_eq!(find(ctrl(Key::Q)), Some(Command::Quit));
        assert_eq!(find(ctrl(Key::Z)), Some(Command::Undo));
        assert_eq!(find(ctrl(Key::Y)), Some(Command::Redo));
        assert_eq!(find(ctrl_shift(Key::Z)), Some(Command::Redo));
        assert_eq!(find(ctrl(Key::K)), Some(Command::Palette));
    }

    #[test]
    fn specific_shortcuts_are_tried_first() {
        let table = shortcut_table();
        let pos = |c| table.iter().position(|(_, x)| *x == c).unwrap();
        assert!(pos(Command::SaveAs) < pos(Command::Save));
        let redo_shift = table
            .iter()
            .position(|(s, _)| *s == ctrl_shift(Key::Z))
            .unwrap();
        assert!(redo_shift < pos(Command::Undo));
    }

    #[test]
    fn every_command_has_a_label_in_both_languages() {
        for c in Command::ALL {
            assert!(!c.label(&crate::i18n::VI).is_empty());
            assert!(!c.label(&crate::i18n::EN).is_empty());
        }
    }
}
