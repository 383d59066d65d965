//! The screens. Each is a type with a `ui` method; they record what the user asked for through
//! the session (one change per action) and never touch SQL.

pub mod allocations;
pub mod areas;
pub mod charts;
pub mod drafting;
pub mod follow_up;
pub mod general;
pub mod indicators;
pub mod print;
pub mod round;

use crate::i18n::{Lang, Texts};
use crate::model::*;
use crate::session::{Change, Session};
use crate::ui::fields::Fields;
use crate::ui::toasts::Toasts;

/// What a screen may use while drawing.
pub struct Ctx<'a> {
    pub session: &'a mut Session,
    pub fields: &'a mut Fields,
    pub toasts: &'a mut Toasts,
    pub lang: Lang,
    pub unit: MoneyUnit,
    /// The name changes to histories and lock logs are recorded under (the settings' user
    /// name, else the system's name for the user; may be empty).
    pub user: &'a str,
}

impl Ctx<'_> {
    pub fn t(&self) -> &'static Texts {
        self.lang.texts()
    }

    pub fn read_only(&self) -> bool {
        self.session.read_only().is_some()
    }

    /// Makes a change; a refusal is shown as a toast.
    pub fn apply(&mut self, change: Change) {
        if let Err(e) = self.session.apply(change) {
            self.toasts
                .error(self.t().error_change, e.message(self.lang));
        }
        self.session.seal();
    }
}

/// Applies a change made from a text field; `done` (the user left the field) ends the undo step.
pub fn apply_from_field(
    session: &mut Session,
    lang: Lang,
    change: Change,
    done: bool,
) -> Result<(), String> {
    let r = session.apply(change).map_err(|e| e.message(lang));
    if done {
        session.seal();
    }
    r
}

/// Gives a widget an accessible name (how screen readers and the UI tests find it).
pub fn name(ui: &egui::Ui, response: &egui::Response, label: impl Into<String>) {
    let label = label.into();
    ui.ctx()
        .accesskit_node_builder(response.id, |n| n.set_label(label));
}

/// A drop-down whose choice is applied at once. Returns the new choice when changed.
pub fn combo<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    id: egui::Id,
    label: &str,
    current: &T,
    options: &[(T, String)],
    width: f32,
    enabled: bool,
) -> Option<T> {
    let shown = options
        .iter()
        .find(|(v, _)| v == current)
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    let mut chosen = None;
    // A box of the combo's own size: a row that wraps (a toolbar at 150 %) moves it to the
    // next line instead of running past the window's edge.
    let size = egui::vec2(
        width + ui.spacing().button_padding.x * 2.0 + ui.spacing().item_spacing.x,
        ui.spacing().interact_size.y,
    );
    let r = ui.allocate_ui_with_layout(
        size,
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.add_enabled_ui(enabled, |ui| {
                egui::ComboBox::from_id_salt(id)
                    .selected_text(shown)
                    .width(width)
                    .show_ui(ui, |ui| {
                        for (value, text) in options {
                            if ui.selectable_label(value == current, text).clicked()
                                && value != current
                            {
                                chosen = Some(value.clone());
                            }
                        }
                    })
            })
        },
    );
    name(ui, &r.inner.inner.response, label);
    chosen
}

/// "huyện Hữu Lũng" or "district Hữu Lũng" depending on the language.
/// The round a screen shows: the one picked, or the first when none is (or it was deleted).
pub fn round_or_first(d: &Dossier, picked: Option<RoundId>) -> Option<Round> {
    picked
        .and_then(|id| d.rounds.iter().find(|r| r.id == id))
        .or(d.rounds.first())
        .cloned()
}

/// Reads an optional year typed in a field.
pub fn parse_year(s: &str, t: &Texts) -> Result<Option<i32>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i32>() {
        Ok(y) if (period::MIN_YEAR..=period::MAX_YEAR).contains(&y) => Ok(Some(y)),
        _ => Err(t.err_year.to_string()),
    }
}

pub fn year_text(y: Option<i32>) -> String {
    y.map(|y| y.to_string()).unwrap_or_default()
}

/// A required one-line text: trimmed, not empty.
pub fn required(s: &str, t: &Texts) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        Err(t.err_required.to_string())
    } else {
        Ok(s.to_string())
    }
}

/// A button that shows why it is disabled when hovered.
pub fn delete_button(
    ui: &mut egui::Ui,
    t: &Texts,
    label: &str,
    blocked_by: usize,
    read_only: bool,
) -> bool {
    let enabled = blocked_by == 0 && !read_only;
    let r = ui.add_enabled(enabled, egui::Button::new(t.delete));
    name(ui, &r, format!("{} — {label}", t.delete));
    let r = if blocked_by > 0 {
        r.on_disabled_hover_text(crate::i18n::fill(
            t.in_use_cannot_delete,
            &[("count", &blocked_by.to_string())],
        ))
    } else {
        r
    };
    r.clicked()
}
