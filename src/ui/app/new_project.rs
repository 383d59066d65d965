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
                                    let shown = format!("{} {name}", kind.label_vi());
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
                Some((name, kind)) => fill(
                    t.new_project_in,
                    &[("province", &format!("{} {name}", kind.label_vi()))],
                ),
                None => t.new_project_no_province.to_string(),
            };
            ui.weak(note);
            ui.weak(t.new_project_catalogue);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(t.new_project_create).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Enter))
                {
                    create = true;
                }
                if ui.button(t.cancel).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
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
            let province = parse_province(&d.province).map(|(name, _)| name);
            if let Some(p) = &province {
                self.settings.province = p.clone();
                self.save_settings();
            }
            self.open_untitled(crate::model::Dossier::new_project(
                &name,
                province.as_deref(),
            ));
        }
    }
}
