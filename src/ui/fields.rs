//! Editing stored values in text fields. A field shows the stored value until the user types;
//! what they type is kept in a buffer and committed when they pause, press Enter or leave the
//! field — so every edit reaches the file within a second. A value the model refuses stays in
//! the field, marked, with the reason beside it, and nothing is stored.

use crate::i18n::{Lang, Texts};
use chrono::{Datelike, NaiveDate};
use egui::{Id, Response, Ui};
use std::collections::HashMap;

/// Seconds of quiet after the last keystroke before a field's text is committed.
pub const COMMIT_AFTER_SECONDS: f64 = 0.6;
/// The longest text may wait uncommitted while the user keeps typing: a killed process loses at
/// most this much typing.
pub const COMMIT_WITHIN_SECONDS: f64 = 0.9;

#[derive(Clone, Debug, Default)]
struct FieldState {
    text: String,
    /// The last keystroke not yet committed.
    dirty_since: Option<f64>,
    /// The first keystroke not yet committed.
    dirty_first: Option<f64>,
    error: Option<String>,
}

impl FieldState {
    /// Seconds until the text must be committed (0 when due), or `None` when nothing waits.
    fn due_in(&self, now: f64) -> Option<f64> {
        let last = self.dirty_since?;
        let first = self.dirty_first.unwrap_or(last);
        Some(
            (last + COMMIT_AFTER_SECONDS - now)
                .min(first + COMMIT_WITHIN_SECONDS - now)
                .max(0.0),
        )
    }

    fn committed(&mut self) {
        self.dirty_since = None;
        self.dirty_first = None;
    }
}

/// Buffers of the fields being edited.
#[derive(Default)]
pub struct Fields {
    states: HashMap<Id, FieldState>,
    /// Set by [`Fields::flush`]; becomes `flushing` when the next frame begins.
    flush_requested: bool,
    /// Every field drawn in this frame commits what waits in it.
    flushing: bool,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct FieldOpts<'a> {
    pub multiline: bool,
    pub width: Option<f32>,
    pub hint: Option<&'a str>,
    pub read_only: bool,
    pub rows: usize,
}

impl<'a> FieldOpts<'a> {
    pub fn width(w: f32) -> Self {
        FieldOpts {
            width: Some(w),
            ..Default::default()
        }
    }

    pub fn multiline(rows: usize) -> Self {
        FieldOpts {
            multiline: true,
            rows,
            ..Default::default()
        }
    }

    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }
}

pub struct FieldResponse {
    pub response: Response,
    /// Why the text in the field was refused, if it was.
    pub error: Option<String>,
}

impl Fields {
    /// Draws a text field for `stored`. When the user's text is due, `commit` gets it: `Ok`
    /// when it was stored, `Err(reason)` to keep it in the field marked as refused. The bool
    /// tells whether the user has finished with the field (left it or pressed Enter).
    pub fn text(
        &mut self,
        ui: &mut Ui,
        id: Id,
        stored: &str,
        label: &str,
        opts: FieldOpts<'_>,
        commit: impl FnOnce(&str, bool) -> Result<(), String>,
    ) -> FieldResponse {
        let now = ui.input(|i| i.time);
        let mut text = match self.states.get(&id) {
            Some(s) => s.text.clone(),
            None => stored.to_string(),
        };
        let error = self.states.get(&id).and_then(|s| s.error.clone());
        let response = ui
            .scope(|ui| {
                if error.is_some() {
                    let red = ui.visuals().error_fg_color;
                    let w = &mut ui.visuals_mut().widgets;
                    for s in [&mut w.inactive, &mut w.hovered, &mut w.active] {
                        s.bg_stroke = egui::Stroke::new(1.5, red);
                    }
                    ui.visuals_mut().selection.stroke = egui::Stroke::new(1.5, red);
                }
                let mut edit = if opts.multiline {
                    egui::TextEdit::multiline(&mut text).desired_rows(opts.rows.max(1))
                } else {
                    egui::TextEdit::singleline(&mut text)
                };
                edit = edit.id(id);
                if let Some(h) = opts.hint {
                    edit = edit.hint_text(h);
                }
                if opts.read_only {
                    edit = edit.interactive(false);
                }
                match opts.width {
                    // A fixed size: inside a grid, a field would otherwise shrink to the
                    // column's width of the previous frame and never grow back.
                    Some(w) if !opts.multiline => {
                        let h = ui.spacing().interact_size.y;
                        ui.add_sized([w, h], edit.desired_width(w))
                    }
                    Some(w) => ui.add(edit.desired_width(w)),
                    None => ui.add(edit.desired_width(f32::INFINITY)),
                }
            })
            .inner;
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_label(label.to_string()));
        if let Some(e) = &error {
            ui.ctx()
                .accesskit_node_builder(response.id, |node| node.set_description(e.clone()));
        }

        if response.changed() {
            let st = self.states.entry(id).or_default();
            st.text = text.clone();
            st.dirty_since = Some(now);
            st.dirty_first.get_or_insert(now);
        }
        if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            // Escape puts the stored value back.
            self.states.remove(&id);
            return FieldResponse {
                response,
                error: None,
            };
        }
        let finished = response.lost_focus() || self.flushing;
        let due = self
            .states
            .get(&id)
            .and_then(|s| s.due_in(now))
            .map(|left| (finished || left <= 0.0, left));
        match due {
            Some((true, _)) => {
                let typed = self
                    .states
                    .get(&id)
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                match commit(&typed, finished) {
                    Ok(()) => {
                        if response.has_focus() {
                            if let Some(st) = self.states.get_mut(&id) {
                                st.committed();
                                st.error = None;
                            }
                        } else {
                            self.states.remove(&id);
                        }
                    }
                    Err(reason) => {
                        if let Some(st) = self.states.get_mut(&id) {
                            st.committed();
                            st.error = Some(reason);
                        }
                    }
                }
            }
            Some((false, left)) => {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(left.max(0.01)));
            }
            None => {
                // Leaving a field that holds nothing new forgets its buffer (a refused value
                // stays, with its reason, until corrected or Escape).
                if !response.has_focus() && self.states.get(&id).is_some_and(|s| s.error.is_none())
                {
                    self.states.remove(&id);
                }
            }
        }
        let error = self.states.get(&id).and_then(|s| s.error.clone());
        if let Some(e) = &error {
            response.clone().on_hover_text(e);
        }
        FieldResponse { response, error }
    }

    /// Inserts `insert` at the field's cursor (or at the end) and returns the field's whole new
    /// text, for the caller to store. The field keeps focus with the cursor after the insertion.
    pub fn insert_at_cursor(
        &mut self,
        ctx: &egui::Context,
        id: Id,
        stored: &str,
        insert: &str,
    ) -> String {
        self.insert_at_cursor_placed(ctx, id, stored, insert).0
    }

    /// As [`Fields::insert_at_cursor`], with the byte offset the insertion starts at.
    pub fn insert_at_cursor_placed(
        &mut self,
        ctx: &egui::Context,
        id: Id,
        stored: &str,
        insert: &str,
    ) -> (String, usize) {
        let current = self
            .states
            .get(&id)
            .map(|s| s.text.clone())
            .unwrap_or_else(|| stored.to_string());
        let chars = current.chars().count();
        let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
        let at = state
            .cursor
            .char_range()
            .map(|r| r.as_sorted_char_range().end.0)
            .unwrap_or(chars)
            .min(chars);
        let byte = current
            .char_indices()
            .nth(at)
            .map_or(current.len(), |(b, _)| b);
        let mut text = current;
        text.insert_str(byte, insert);
        let after = egui::text::CCursor::new(at + insert.chars().count());
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(after)));
        state.store(ctx, id);
        self.states.remove(&id);
        ctx.memory_mut(|m| m.request_focus(id));
        (text, byte)
    }

    /// Asks every field drawn in the next frame to commit what waits in it, as if the user had
    /// pressed Enter: before an action that would otherwise throw the typing away (quit, undo,
    /// another project, another unit).
    pub fn flush(&mut self) {
        self.flush_requested = true;
    }

    /// Starts a frame: a flush asked for during the last one applies to the whole of this one,
    /// whenever in the last frame it was asked for.
    pub fn begin_frame(&mut self) {
        self.flushing = std::mem::take(&mut self.flush_requested);
    }

    /// Whether the field holds typing not yet stored.
    pub fn is_pending(&self, id: Id) -> bool {
        self.states
            .get(&id)
            .is_some_and(|s| s.dirty_since.is_some())
    }

    /// Whether a typed value is waiting to be committed (the title shows it).
    pub fn has_pending(&self) -> bool {
        self.states.values().any(|s| s.dirty_since.is_some())
    }

    /// The refused values and why, for a status line.
    pub fn errors(&self) -> impl Iterator<Item = &str> {
        self.states.values().filter_map(|s| s.error.as_deref())
    }

    /// Forgets every buffer (after undo, redo or opening another project).
    pub fn clear(&mut self) {
        self.states.clear();
    }
}

/// A labelled form row: the label above the field, the refusal reason below it in red.
pub fn form_row(
    ui: &mut Ui,
    fields: &mut Fields,
    id: Id,
    label: &str,
    stored: &str,
    opts: FieldOpts<'_>,
    commit: impl FnOnce(&str, bool) -> Result<(), String>,
) -> FieldResponse {
    ui.label(label);
    let r = fields.text(ui, id, stored, label, opts, commit);
    if let Some(e) = &r.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    r
}

/// "21/06/2023".
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Reads "21/06/2023", "21/6/2023" or "2023-06-21"; empty text is no date.
pub fn parse_date(s: &str, t: &Texts) -> Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let parsed = if s.contains('/') {
        let parts: Vec<&str> = s.split('/').map(str::trim).collect();
        match parts.as_slice() {
            [d, m, y] if y.len() == 4 => NaiveDate::from_ymd_opt(
                y.parse().unwrap_or(0),
                m.parse().unwrap_or(0),
                d.parse().unwrap_or(0),
            ),
            _ => None,
        }
    } else {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    };
    match parsed {
        Some(d)
            if (crate::model::period::MIN_YEAR..=crate::model::period::MAX_YEAR)
                .contains(&d.year()) =>
        {
            Ok(Some(d))
        }
        _ => Err(t.err_date.to_string()),
    }
}

/// A date field (dd/mm/yyyy) with a calendar beside it. Calls `set` with the new date.
#[allow(clippy::too_many_arguments)] // a form widget: each argument is one of its parts
pub fn date_field(
    ui: &mut Ui,
    fields: &mut Fields,
    id: Id,
    label: &str,
    stored: Option<NaiveDate>,
    lang: Lang,
    read_only: bool,
    mut set: impl FnMut(Option<NaiveDate>) -> Result<(), String>,
) -> FieldResponse {
    let t = lang.texts();
    let text = stored.map(format_date).unwrap_or_default();
    let mut picked: Option<NaiveDate> = None;
    let r = ui
        .horizontal(|ui| {
            let r = fields.text(
                ui,
                id,
                &text,
                label,
                FieldOpts::width(110.0)
                    .hint(t.date_hint)
                    .read_only(read_only),
                |s, _| parse_date(s, t).and_then(&mut set),
            );
            let button = ui.add_enabled(!read_only, egui::Button::new(t.calendar));
            ui.ctx().accesskit_node_builder(button.id, |n| {
                n.set_label(format!("{} — {label}", t.pick_date))
            });
            let button = button.on_hover_text(t.pick_date);
            egui::Popup::from_toggle_button_response(&button)
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                .show(|ui| {
                    picked = calendar(ui, id.with("cal"), stored, t);
                });
            r
        })
        .inner;
    if let Some(d) = picked {
        let _ = set(Some(d));
        egui::Popup::close_all(ui.ctx());
    }
    r
}

/// A month grid; returns the day clicked.
fn calendar(ui: &mut Ui, id: Id, selected: Option<NaiveDate>, t: &Texts) -> Option<NaiveDate> {
    let today = chrono::Local::now().date_naive();
    let shown: NaiveDate = ui
        .data(|d| d.get_temp(id))
        .or(selected)
        .unwrap_or(today)
        .with_day(1)
        .unwrap_or(today);
    let mut month = shown;
    let mut picked = None;
    ui.horizontal(|ui| {
        let prev = ui.button("◀").on_hover_text(t.prev_month);
        ui.ctx()
            .accesskit_node_builder(prev.id, |n| n.set_label(t.prev_month));
        if prev.clicked() {
            month = month
                .checked_sub_months(chrono::Months::new(1))
                .unwrap_or(month);
        }
        ui.label(crate::i18n::fill(
            t.month_year,
            &[
                ("month", &month.month().to_string()),
                ("year", &month.year().to_string()),
            ],
        ));
        let next = ui.button("▶").on_hover_text(t.next_month);
        ui.ctx()
            .accesskit_node_builder(next.id, |n| n.set_label(t.next_month));
        if next.clicked() {
            month = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(month);
        }
    });
    egui::Grid::new(id.with("grid")).show(ui, |ui| {
        for name in t.weekdays.split(',') {
            ui.label(name);
        }
        ui.end_row();
        let lead = month.weekday().num_days_from_monday();
        for _ in 0..lead {
            ui.label("");
        }
        let mut day = month;
        let mut col = lead;
        while day.month() == month.month() {
            let is_selected = Some(day) == selected;
            if ui
                .selectable_label(is_selected, day.day().to_string())
                .clicked()
            {
                picked = Some(day);
            }
            col += 1;
            if col == 7 {
                ui.end_row();
                col = 0;
            }
            match day.succ_opt() {
                Some(d) => day = d,
                None => break,
            }
        }
    });
    if ui.button(t.today).clicked() {
        picked = Some(today);
    }
    ui.data_mut(|d| d.insert_temp(id, month));
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_the_vietnamese_way() {
        let t = &crate::i18n::VI;
        assert_eq!(
            parse_date("21/06/2023", t),
            Ok(NaiveDate::from_ymd_opt(2023, 6, 21))
        );
        assert_eq!(
            parse_date(" 5/7/2023 ", t),
            Ok(NaiveDate::from_ymd_opt(2023, 7, 5))
        );
        assert_eq!(
            parse_date("2023-06-21", t),
            Ok(NaiveDate::from_ymd_opt(2023, 6, 21))
        );
        assert_eq!(parse_date("", t), Ok(None));
        assert!(parse_date("31/02/2023", t).is_err());
        assert!(parse_date("21/06/23", t).is_err());
        assert!(parse_date("21/06/1800", t).is_err());
        assert_eq!(
            format_date(NaiveDate::from_ymd_opt(2023, 6, 21).unwrap()),
            "21/06/2023"
        );
    }
}
