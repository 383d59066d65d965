//! File → New: a short dialog for what a provincial committee's project always has — its
//! name and its province (so a district's report can be imported straight away) — with the
//! national program for sustainable poverty reduction and its projects already in.

use super::*;
use crate::model::provinces::{PROVINCES, parse_province};

/// The New-project dialog, while it is open.
pub(super) struct NewProjectDialog {
    pub(super) name: String,
    pub(super) province: String,
    /// The cursor goes to the name once, when the dialog opens.
    pub(super) focused: bool,
}

impl GiamSatApp {
    /// Opens the dialog, on the province used last.
    pub(super) fn open_new_project_dialog(&mut self) {
        self.new_project = Some(NewProjectDialog {
            name: String::new(),
            province: self.settings.province.clone(),
            focused: false,
        });
    }

    pub(super) fn new_project_ui(&mut self, ctx: &egui::Context) {
        let Some(d) = self.new_project.as_mut() else {
            return;
        };
        let t = self.lang.texts();
        let mut create = false;
        let mut cancel = false;
        // Keys count from the second frame (the Enter that opened it is not this dialog's),
        // and not while the province list is open (Escape closes the list, not the dialog).
        let keys = d.focused && !egui::Popup::is_any_open(ctx);
        let lang = self.lang;
        let full = move |name: &str, kind: crate::model::AreaKind| match lang {
            crate::i18n::Lang::Vi => format!("{} {name}", kind.label_vi()),
            crate::i18n::Lang::En => format!("{name} ({})", kind.label_en()),
        };
        egui::Modal::new(egui::Id::unique("new-project")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(t.new_project_title);
            ui.add_space(4.0);
            egui::Grid::new("new-project-fields")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    ui.label(t.new_dossier_name);
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut d.name)
                            .hint_text(t.new_project_name_hint)
                            .desired_width(360.0),
                    );
                    screens::name(ui, &r, t.new_dossier_name);
                    if !d.focused {
                        r.request_focus();
                        d.focused = true;
                    }
                    ui.end_row();
                    ui.label(t.new_project_province);
                    ui.horizontal(|ui| {
                        let r = ui.add(
                            egui::TextEdit::singleline(&mut d.province)
                                .hint_text("Lạng Sơn")
                                .desired_width(240.0),
                        );
                        screens::name(ui, &r, t.new_project_province);
                        egui::ComboBox::from_id_salt("province-list")
                            .selected_text(t.new_project_pick)
                            .width(112.0)
                            .show_ui(ui, |ui| {
                                for (name, kind) in PROVINCES {
                                    let shown = full(name, kind);
                                    if ui.selectable_label(d.province == name, shown).clicked() {
                                        d.province = name.to_string();
                                    }
                                }
                            });
                    });
                    ui.end_row();
                });
            // What the project will be in, as GiamSat reads what was typed.
            let note = match parse_province(&d.province) {
                Some((name, kind)) => fill(t.new_project_in, &[("province", &full(&name, kind))]),
                None => t.new_project_no_province.to_string(),
            };
            ui.weak(note);
            ui.weak(t.new_project_catalogue);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(t.new_project_create).clicked()
                    || keys && ui.input(|i| i.key_pressed(egui::Key::Enter))
                {
                    create = true;
                }
                if ui.button(t.cancel).clicked()
                    || keys && ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    cancel = true;
                }
            });
        });
        if cancel {
            self.new_project = None;
        } else if create && let Some(d) = self.new_project.take() {
            let name = crate::model::text::clean_line(&d.name);
            let name = if name.is_empty() {
                t.untitled.to_string()
            } else {
                name
            };
            // Remembered as the list spells it ("lang son" → "Lạng Sơn"), else as typed (an
            // empty one too), read again the same way: "thành phố X" stays a city.
            let typed = crate::model::text::clean_line(&d.province);
            let typed = match parse_province(&typed) {
                Some((name, kind)) if PROVINCES.contains(&(name.as_str(), kind)) => name,
                _ => typed,
            };
            if self.settings.province != typed {
                self.settings.province = typed.clone();
                self.save_settings();
            }
            self.open_untitled(crate::model::Dossier::new_project(&name, Some(&typed)));
        }
    }
}
