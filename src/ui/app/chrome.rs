//! The window's frame around the screens: title, menus, view tabs, banners (read-only, deadlines)
//! and the status bar.

use super::*;

impl GiamSatApp {
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let t = self.t();
        let title = match &self.session {
            None => t.app_name.to_string(),
            Some(s) => {
                let name = match (s.user_path(), s.origin()) {
                    (Some(p), _) => file_name(p),
                    (None, Origin::Server { address, .. }) => {
                        format!("{} ({} {address})", s.dossier().info.name, t.server_title)
                    }
                    (None, _) => t.untitled.to_string(),
                };
                let untitled = matches!(s.origin(), Origin::Untitled { .. });
                let mark = if untitled || self.fields.has_pending() {
                    " *"
                } else {
                    ""
                };
                let ro = if s.read_only().is_some() {
                    format!(" ({})", t.read_only_suffix)
                } else {
                    String::new()
                };
                format!("{name}{mark}{ro} — {}", t.app_name)
            }
        };
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    pub fn title(&self) -> &str {
        &self.title_sent
    }

    pub(super) fn menu_item(&mut self, ui: &mut egui::Ui, cmd: Command) {
        let t = self.t();
        let mut label = cmd.label(t).to_string();
        let mut enabled = true;
        if let Some(s) = &self.session {
            if cmd == Command::Undo {
                match s.undo_label() {
                    Some(l) => label = fill(t.undo_named, &[("action", &l.render(t))]),
                    None => enabled = false,
                }
            }
            if cmd == Command::Redo {
                match s.redo_label() {
                    Some(l) => label = fill(t.redo_named, &[("action", &l.render(t))]),
                    None => enabled = false,
                }
            }
        } else if matches!(
            cmd,
            Command::Undo
                | Command::Redo
                | Command::Save
                | Command::SaveAs
                | Command::ExportJson
                | Command::ImportTable
                | Command::ImportSuccessions
                | Command::ExportTable
                | Command::Close
        ) {
            enabled = false;
        }
        let mut button = egui::Button::new(label);
        if let Some(sc) = cmd.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(sc));
        }
        if ui.add_enabled(enabled, button).clicked() {
            self.queued.push(cmd);
            ui.close();
        }
    }

    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.menu_file, |ui| {
                for c in [Command::New, Command::Open, Command::OpenServer] {
                    self.menu_item(ui, c);
                }
                if self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.pulled_from().is_some())
                {
                    self.menu_item(ui, Command::CheckIn);
                }
                ui.menu_button(t.menu_open_recent, |ui| self.recent_menu(ui));
                ui.separator();
                for c in [Command::Save, Command::SaveAs] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [
                    Command::ImportJson,
                    Command::ImportTable,
                    Command::ImportSuccessions,
                    Command::ExportJson,
                    Command::ExportTable,
                    Command::RestoreBackup,
                ] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [Command::Close, Command::Quit] {
                    self.menu_item(ui, c);
                }
            });
            ui.menu_button(t.menu_edit, |ui| {
                for c in [Command::Undo, Command::Redo] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                self.menu_item(ui, Command::Search);
                self.menu_item(ui, Command::Palette);
            });
            ui.menu_button(t.menu_view, |ui| {
                for v in View::ALL {
                    self.menu_item(ui, v.command());
                }
                ui.separator();
                ui.menu_button(t.menu_language, |ui| {
                    for (c, l) in [(Command::LangVi, Lang::Vi), (Command::LangEn, Lang::En)] {
                        if ui.radio(self.lang == l, c.label(t)).clicked() {
                            self.queued.push(c);
                            ui.close();
                        }
                    }
                });
                ui.menu_button(t.menu_theme, |ui| {
                    for (c, th) in [
                        (Command::ThemeLight, ThemePref::Light),
                        (Command::ThemeDark, ThemePref::Dark),
                        (Command::ThemeSystem, ThemePref::System),
                    ] {
                        if ui.radio(self.settings.theme == th, c.label(t)).clicked() {
                            self.queued.push(c);
                            ui.close();
                        }
                    }
                });
                ui.menu_button(t.menu_unit, |ui| {
                    for u in MoneyUnit::ALL {
                        if ui
                            .radio(self.settings.money_unit == u, unit_label(u, self.lang))
                            .clicked()
                        {
                            let ctx = ui.ctx().clone();
                            self.set_money_unit(&ctx, u);
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button(t.menu_help, |ui| {
                self.menu_item(ui, Command::Guide);
                self.menu_item(ui, Command::About);
            });
        });
    }

    pub(super) fn recent_menu(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        if self.settings.recent_files.is_empty() {
            ui.weak(t.recent_none);
            return;
        }
        let mut open = None;
        let mut remove = None;
        for p in &self.settings.recent_files {
            ui.horizontal(|ui| {
                if ui.button(p.display().to_string()).clicked() {
                    open = Some(p.clone());
                    ui.close();
                }
                let r = ui.small_button("×").on_hover_text(t.recent_remove);
                screens::name(ui, &r, format!("{} — {}", t.recent_remove, p.display()));
                if r.clicked() {
                    remove = Some(p.clone());
                }
            });
        }
        ui.separator();
        if ui.button(t.recent_clear).clicked() {
            self.settings.recent_files.clear();
            self.save_settings();
            ui.close();
        }
        if let Some(p) = remove {
            self.settings.remove_recent(&p);
            self.save_settings();
        }
        if let Some(p) = open {
            let ctx = ui.ctx().clone();
            self.guard_unsaved(&ctx, Then::OpenPath(p));
        }
    }

    pub(super) fn view_tabs(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        ui.horizontal(|ui| {
            for v in View::ALL {
                let label = v.command().label(t);
                if ui.selectable_label(self.view == v, label).clicked() {
                    self.view = v;
                }
            }
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        let mut check_in = false;
        ui.horizontal(|ui| {
            if let Some(task) = &self.task {
                ui.spinner();
                ui.label(&task.label);
                return;
            }
            match &self.session {
                None => {
                    ui.label(t.no_project);
                }
                Some(s) => {
                    let text = if s.read_only().is_some() {
                        t.status_read_only
                    } else if self.fields.has_pending() || s.unwritten() > 0 {
                        t.status_saving
                    } else if s.is_on_server() {
                        t.status_saved_here
                    } else if s.user_path().is_none() {
                        t.status_untitled
                    } else {
                        t.status_saved
                    };
                    ui.label(text);
                    self.team_status_line(ui, s);
                    if let Some(o) = s.pulled_from() {
                        ui.separator();
                        ui.weak(fill(
                            t.status_pulled_copy,
                            &[
                                ("project", &o.project.to_string()),
                                ("seq", &o.seq.to_string()),
                            ],
                        ));
                        if s.read_only().is_none() && ui.small_button(t.check_in_short).clicked() {
                            check_in = true;
                        }
                    }
                    if let Some(p) = s.user_path() {
                        ui.separator();
                        ui.add(
                            egui::Label::new(egui::RichText::new(p.display().to_string()).weak())
                                .truncate(),
                        );
                    }
                }
            }
        });
        if check_in {
            self.queued.push(Command::CheckIn);
        }
    }

    pub(super) fn read_only_banner(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        let Some(s) = &self.session else {
            return;
        };
        let Some(reason) = s.read_only() else {
            return;
        };
        let text = match reason {
            ReadOnlyReason::InUse(holder) => fill(
                t.read_only_in_use,
                &[("holder", holder.as_deref().unwrap_or(t.holder_unknown))],
            ),
            ReadOnlyReason::CannotLock => t.read_only_cannot_lock.to_string(),
            ReadOnlyReason::FileReadOnly => t.read_only_file.to_string(),
            ReadOnlyReason::Unreachable(detail) => {
                fill(t.read_only_unreachable, &[("detail", detail)])
            }
            ReadOnlyReason::WriteFailed(detail) => {
                fill(t.read_only_write_failed, &[("detail", detail)])
            }
            ReadOnlyReason::ChangedElsewhere => t.read_only_changed_elsewhere.to_string(),
            ReadOnlyReason::ServerReader(user) => {
                fill(t.read_only_server_reader, &[("user", user)])
            }
            ReadOnlyReason::ServerRefused(detail) => fill(
                t.read_only_server_refused,
                &[("detail", detail.get(self.lang))],
            ),
        };
        // Where keeping one's work means writing it elsewhere, Save As sits in the banner.
        let changed_elsewhere = matches!(
            reason,
            ReadOnlyReason::ChangedElsewhere | ReadOnlyReason::FileReadOnly
        );
        let unreachable = s.is_unreachable();
        let path = s.user_path().map(Path::to_path_buf);
        let busy = self.task.is_some();
        egui::Frame::new()
            .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
            .inner_margin(6)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, text);
                    if unreachable {
                        if ui.add_enabled(!busy, egui::Button::new(t.retry)).clicked() {
                            self.start_reconnect();
                        }
                        if ui
                            .add_enabled(!busy, egui::Button::new(Command::SaveAs.label(t)))
                            .clicked()
                        {
                            self.queued.push(Command::SaveAs);
                        }
                    } else if let Some(p) = path {
                        if ui.add_enabled(!busy, egui::Button::new(t.reload)).clicked() {
                            self.session = None;
                            self.start_open(p);
                        } else if changed_elsewhere
                            && ui
                                .add_enabled(!busy, egui::Button::new(Command::SaveAs.label(t)))
                                .clicked()
                        {
                            self.queued.push(Command::SaveAs);
                        }
                    }
                });
            });
    }

    /// What is overdue or falls due within 7 and 30 days, each a link to those rows on the
    /// follow-up board; closed for the project until it is opened again.
    pub(super) fn due_banner(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        let Some(s) = &self.session else {
            return;
        };
        let document = s.stamp().document;
        if self.due_dismissed == Some(document) {
            return;
        }
        let today = self.today();
        let due = self.due.get(s.stamp(), today, |&today| {
            Arc::new(crate::follow_up::due_soon(s.dossier(), today))
        });
        if due.is_empty() {
            return;
        }
        let mut go: Option<DueLink> = None;
        let mut close = false;
        egui::Frame::new()
            .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.25))
            .inner_margin(6)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(t.due_banner_title);
                    let within_30 = due.within_7.len() + due.within_30.len();
                    for (n, text, link) in [
                        (due.overdue.len(), t.due_overdue, DueLink::Overdue),
                        (due.within_7.len(), t.due_7, DueLink::Within(7)),
                        (within_30, t.due_30, DueLink::Within(30)),
                    ] {
                        if n > 0 && ui.link(fill(text, &[("n", &n.to_string())])).clicked() {
                            go = Some(link);
                        }
                    }
                    if ui.small_button(t.due_hide).clicked() {
                        close = true;
                    }
                });
            });
        if let Some(link) = go {
            self.screens.follow_up.show_due(link);
            self.view = View::FollowUp;
        }
        if close {
            self.due_dismissed = Some(document);
        }
    }
}
