//! The window on a project from a team server: the Open-from-server dialog, the banner when
//! the connection is lost, the quiet status line of others' changes, and the conflict view
//! that lets the person choose field by field.

use super::*;
use crate::i18n::{Said, Texts};
use crate::session::{Choice, LinkState};
use crate::store::ServerOrigin;
use crate::store::server::Address;

/// File → Open from server…, while it is open.
#[derive(Default)]
pub(super) struct ServerDialog {
    pub(super) address: String,
    /// Kept in memory while the dialog is open, never written anywhere.
    pub(super) password: String,
    pub(super) error: Option<String>,
    /// The cursor goes to the first empty field once, when the dialog opens.
    pub(super) focused: bool,
    /// Checking in the open pulled copy (its file and where it came from), not opening.
    pub(super) check_in: Option<(PathBuf, ServerOrigin)>,
}

/// What a check-in brought back from its thread.
pub(super) struct CheckedIn {
    pub(super) address: Address,
    pub(super) path: PathBuf,
    pub(super) origin: ServerOrigin,
    pub(super) result: Result<Session, Said>,
    /// The file opened again when the check-in failed.
    pub(super) again: Option<Result<Session, String>>,
    /// Why the file's backup could not be made.
    pub(super) backup: Option<String>,
}

/// The person's choices for a held conflict, by the change's number.
pub(super) struct ConflictChoices {
    /// The project (its stamp's document) and the held change the choices are for.
    pub(super) document: u64,
    pub(super) id: u64,
    pub(super) choices: Vec<Choice>,
}

impl GiamSatApp {
    /// Opens the dialog, on the last server used (or the one given).
    pub(super) fn open_server_dialog(&mut self, address: Option<String>, error: Option<String>) {
        let address = address
            .or_else(|| self.settings.servers.first().cloned())
            .unwrap_or_default();
        self.server_dialog = Some(ServerDialog {
            address,
            password: String::new(),
            error,
            focused: false,
            check_in: None,
        });
    }

    /// File → Check in: the dialog for the open pulled copy, on the server and project it came
    /// from (as the person last logged in there, when remembered).
    pub(super) fn open_check_in_dialog(&mut self) {
        let t = self.t();
        let Some(s) = &self.session else {
            return;
        };
        let (Some(path), Some(origin)) = (s.user_path(), s.pulled_from()) else {
            self.toasts.info(t.check_in_not_copy);
            return;
        };
        if s.read_only().is_some() || s.unwritten() > 0 {
            self.toasts.warning(t.check_in_not_now);
            return;
        }
        let (path, origin) = (path.to_path_buf(), origin.clone());
        let remembered = self
            .settings
            .servers
            .iter()
            .filter_map(|a| Address::parse(a).ok())
            .find(|a| a.database() == origin.address);
        let address = remembered
            .or_else(|| Address::parse(&origin.address).ok())
            .map(|a| a.with_project(origin.project).to_string())
            .unwrap_or_else(|| origin.address.clone());
        self.server_dialog = Some(ServerDialog {
            address,
            password: String::new(),
            error: None,
            focused: false,
            check_in: Some((path, origin)),
        });
    }

    /// The window is busy: what was typed stays in the dialog for when it is free.
    fn keep_typed(
        &mut self,
        text: &str,
        password: &str,
        check_in: Option<(PathBuf, ServerOrigin)>,
    ) {
        self.server_dialog = Some(ServerDialog {
            address: crate::store::server::redact(text),
            password: password.to_string(),
            error: None,
            focused: true,
            check_in,
        });
    }

    /// Opens the project at `text` (a password typed in the dialog, if any, goes with it).
    pub fn start_open_server(&mut self, text: &str, password: &str) {
        if self.refuse_if_busy() {
            self.keep_typed(text, password, None);
            return;
        }
        // The project already open here: nothing to open again.
        if let Ok(a) = Address::parse(text)
            && let Some(Origin::Server { address, .. }) = self.session.as_ref().map(Session::origin)
            && *address == a.to_string()
        {
            let msg = fill(self.t().server_already_open, &[("address", address)]);
            self.toasts.info(msg);
            return;
        }
        let Some(address) = self.dialog_address(text, password, None) else {
            return;
        };
        let shown = address.to_string();
        let label = fill(self.t().task_opening_server, &[("server", &shown)]);
        let data_dir = self.paths.data_dir.clone();
        // A project closing on its own thread lets go of its copy before it opens again.
        let closing = std::mem::take(&mut self.closing);
        self.task = Some(self.spawn(label, move || {
            for c in closing {
                let _ = c.thread.join();
            }
            let r = Session::open_server(&address, &data_dir);
            TaskResult::OpenedServer(Box::new(address), r)
        }));
    }

    /// The address typed in the dialog, with the password typed beside it; or the dialog
    /// again, saying what is wrong (never with a password written into the address).
    fn dialog_address(
        &mut self,
        text: &str,
        password: &str,
        check_in: Option<(PathBuf, ServerOrigin)>,
    ) -> Option<Address> {
        let shown_text = crate::store::server::redact(text);
        let error = match Address::parse(text) {
            Ok(a) if a.project.is_none() => fill(
                self.t().server_needs_project,
                &[("address", &a.to_string())],
            ),
            Ok(a) if !password.is_empty() => return Some(a.as_user(&a.user(), Some(password))),
            Ok(a) => return Some(a),
            Err(e) => crate::store::server::redact(&e),
        };
        self.open_server_dialog(Some(shown_text), Some(error));
        if let Some(d) = self.server_dialog.as_mut() {
            d.check_in = check_in;
        }
        None
    }

    /// Checks the open pulled copy (`path`) back in to the project at `text`: the file lets
    /// go of the window, then opens as the server project (see [`Session::check_in`]); if that
    /// fails, the file opens again as it was and the dialog says why.
    pub fn start_check_in(
        &mut self,
        text: &str,
        password: &str,
        path: PathBuf,
        origin: ServerOrigin,
    ) {
        if self.refuse_if_busy() {
            self.keep_typed(text, password, Some((path, origin)));
            return;
        }
        let Some(address) =
            self.dialog_address(text, password, Some((path.clone(), origin.clone())))
        else {
            return;
        };
        // The file must be free: the window lets go of it, its last changes written first.
        if let Some(s) = self.session.take() {
            self.let_go(s);
        }
        let closing = std::mem::take(&mut self.closing);
        let label = fill(self.t().task_checking_in, &[("path", &file_name(&path))]);
        let (data_dir, lang) = (self.paths.data_dir.clone(), self.lang);
        self.task = Some(self.spawn(label, move || {
            for c in closing {
                let _ = c.thread.join();
            }
            // The file as it is before the server's changes come into it.
            let now = chrono::Local::now().naive_local();
            let backup = crate::backup::back_up(&data_dir, &path, now)
                .err()
                .map(|e| format!("{} — {}", e.message(lang), path.display()));
            let r = Session::check_in(&address, &data_dir, &path);
            let again = r
                .is_err()
                .then(|| Session::open(&path).map_err(|e| e.message(lang)));
            TaskResult::CheckedIn(Box::new(CheckedIn {
                address,
                path,
                origin,
                result: r,
                again,
                backup,
            }))
        }));
    }

    /// The check-in's result: the server project installed, or the file again and the dialog
    /// with the reason.
    pub(super) fn finish_check_in(&mut self, c: CheckedIn) {
        let t = self.t();
        if let Some(e) = &c.backup {
            self.toasts.warning(format!("{}: {e}", t.backup_failed));
        }
        match c.result {
            Ok(s) => {
                self.settings.add_server(&c.address);
                self.save_settings();
                let n = s.differed_at_open();
                self.install(s);
                if n == 0 {
                    self.toasts.info(t.check_in_nothing);
                } else {
                    self.toasts
                        .info(fill(t.check_in_sending, &[("n", &n.to_string())]));
                }
            }
            Err(e) => {
                let e = crate::store::server::redact(e.get(self.lang));
                match c.again {
                    Some(Ok(s)) => {
                        self.install(s);
                        self.toasts.warning(t.check_in_failed);
                    }
                    Some(Err(why)) => self.toasts.error(
                        fill(
                            t.check_in_failed_not_reopened,
                            &[("path", &c.path.display().to_string())],
                        ),
                        why,
                    ),
                    None => {}
                }
                // The dialog again, still checking this copy in, with the reason.
                self.open_server_dialog(Some(c.address.to_string()), Some(e));
                if let Some(d) = self.server_dialog.as_mut() {
                    d.check_in = Some((c.path, c.origin));
                }
            }
        }
    }

    /// The dialog's result: the project installed and its server remembered, or the dialog
    /// again with the reason.
    pub(super) fn finish_open_server(&mut self, address: Address, r: Result<Session, Said>) {
        match r {
            Ok(mut s) => {
                self.settings.add_server(&address);
                self.save_settings();
                if let Some((path, why)) = s.take_set_aside() {
                    self.toasts.warning(fill(
                        self.t().server_set_aside,
                        &[
                            ("why", why.get(self.lang)),
                            ("path", &path.display().to_string()),
                        ],
                    ));
                }
                self.install(s);
            }
            // Said once, in the dialog, where the address or password can be put right.
            Err(e) => {
                let e = crate::store::server::redact(e.get(self.lang));
                self.open_server_dialog(Some(address.to_string()), Some(e));
            }
        }
    }

    pub(super) fn server_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(d) = self.server_dialog.as_mut() else {
            return;
        };
        let t = self.lang.texts();
        let mut open = false;
        let mut cancel = false;
        let mut pick = None;
        egui::Modal::new(egui::Id::unique("open-server")).show(ctx, |ui| {
            // A fixed width: wrapped notes would otherwise make the dialog change size frame
            // after frame.
            ui.set_width(560.0);
            match &d.check_in {
                Some((_, o)) => {
                    ui.heading(t.check_in_title);
                    ui.label(fill(
                        t.check_in_intro,
                        &[
                            ("project", &o.project.to_string()),
                            ("server", &o.address),
                            ("seq", &o.seq.to_string()),
                        ],
                    ));
                    ui.add_space(4.0);
                }
                None => {
                    ui.heading(t.server_dialog_title);
                }
            }
            egui::Grid::new("server-fields")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    ui.label(t.server_address);
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut d.address)
                            .hint_text(t.server_address_hint)
                            .desired_width(400.0),
                    );
                    screens::name(ui, &r, t.server_address);
                    if !d.focused && d.address.trim().is_empty() {
                        r.request_focus();
                    }
                    ui.end_row();
                    ui.label(t.server_password);
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut d.password)
                            .password(true)
                            .desired_width(400.0),
                    );
                    screens::name(ui, &r, t.server_password);
                    if !d.focused && !d.address.trim().is_empty() {
                        r.request_focus();
                    }
                    d.focused = true;
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        open = true;
                    }
                    ui.end_row();
                });
            // Who will log in: the address's user, else this computer's (always said, so the
            // dialog keeps its shape while the address is typed).
            let user = Address::parse(&d.address)
                .map(|a| a.user())
                .unwrap_or_else(|_| crate::settings::system_user_name());
            ui.weak(fill(t.server_login_as, &[("user", &user)]));
            ui.weak(t.server_password_note);
            if !self.settings.servers.is_empty() {
                ui.add_space(4.0);
                ui.label(t.server_recent);
                for s in &self.settings.servers {
                    if ui.link(s).clicked() {
                        pick = Some(s.clone());
                    }
                }
            }
            if let Some(e) = &d.error {
                ui.add_space(4.0);
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        !d.address.trim().is_empty(),
                        egui::Button::new(if d.check_in.is_some() {
                            t.check_in_button
                        } else {
                            t.server_open
                        }),
                    )
                    .clicked()
                {
                    open = true;
                }
                if ui.button(t.cancel).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    cancel = true;
                }
            });
        });
        if let Some(s) = pick {
            d.address = s;
            d.error = None;
        }
        if cancel {
            self.server_dialog = None;
        } else if open && let Some(d) = self.server_dialog.take() {
            match d.check_in {
                Some((path, origin)) => self.start_check_in(&d.address, &d.password, path, origin),
                None => self.start_open_server(&d.address, &d.password),
            }
        }
    }

    /// Takes in what the server link said (called every frame with the writes).
    pub(super) fn watch_team(&mut self) {
        let Some(s) = self.session.as_mut() else {
            return;
        };
        if let Some(msg) = s.poll_team() {
            self.toasts
                .error(self.lang.texts().server_refused, msg.get(self.lang));
        }
    }

    /// Asks the link to try the server again now.
    pub(super) fn retry_server_now(&self) {
        if let Some(s) = &self.session {
            s.retry_server();
        }
    }

    /// The banner for a connection lost: what waits, that it is kept, and Retry.
    pub(super) fn team_banner(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        let Some(status) = self.session.as_ref().and_then(Session::team_status) else {
            return;
        };
        let LinkState::Offline(detail) = &status.state else {
            return;
        };
        let mut retry = false;
        egui::Frame::new()
            .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
            .inner_margin(6)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let template = if status.waiting == 0 {
                        t.server_offline_none
                    } else {
                        t.server_offline
                    };
                    let text = fill(
                        template,
                        &[
                            (
                                "detail",
                                &crate::store::server::redact(detail.get(self.lang)),
                            ),
                            ("n", &status.waiting.to_string()),
                        ],
                    );
                    ui.colored_label(ui.visuals().warn_fg_color, text);
                    if ui.button(t.retry).clicked() {
                        retry = true;
                    }
                });
            });
        if retry {
            self.retry_server_now();
        }
    }

    /// The server's part of the status bar: the link, what waits, others' last change.
    pub(super) fn team_status_line(&self, ui: &mut egui::Ui, s: &Session) {
        let t = self.t();
        let Some(status) = s.team_status() else {
            return;
        };
        ui.separator();
        let n = status.waiting.to_string();
        let text = if s.held_conflict().is_some() {
            t.status_server_held.to_string()
        } else {
            match &status.state {
                LinkState::Connecting => t.status_server_connecting.to_string(),
                LinkState::Offline(_) => fill(t.status_server_offline, &[("n", &n)]),
                LinkState::Online if status.waiting > 0 => {
                    fill(t.status_server_waiting, &[("n", &n)])
                }
                LinkState::Online => t.status_server_synced.to_string(),
            }
        };
        ui.label(text).on_hover_text(&status.address);
        if let Some(r) = &status.last_remote {
            ui.separator();
            let time =
                r.at.with_timezone(&chrono::Local)
                    .format("%H:%M")
                    .to_string();
            let line = fill(
                t.status_remote_line,
                &[("time", &time), ("by", &r.by), ("what", &r.label)],
            );
            ui.add(egui::Label::new(egui::RichText::new(line).weak()).truncate());
        }
    }

    /// The conflict view: for each record both changed, each field as it was, theirs (who,
    /// when) and mine, with the person's choice; nothing goes on until they choose.
    pub(super) fn conflict_ui(&mut self, ctx: &egui::Context) {
        let Some((document, held)) = self
            .session
            .as_ref()
            .and_then(|s| Some((s.stamp().document, s.held_conflict().cloned()?)))
        else {
            self.conflict_choices = None;
            return;
        };
        let t = self.t();
        let lang = self.lang;
        if self
            .conflict_choices
            .as_ref()
            .is_none_or(|c| (c.document, c.id) != (document, held.id))
        {
            self.conflict_choices = Some(ConflictChoices {
                document,
                id: held.id,
                choices: held.records.iter().map(|r| r.suggested()).collect(),
            });
        }
        let Some(choices) = self.conflict_choices.as_mut() else {
            return;
        };
        let mut apply = false;
        let screen = ctx.content_rect();
        egui::Modal::new(egui::Id::unique("server-conflict")).show(ctx, |ui| {
            ui.set_width((screen.width() - 80.0).clamp(280.0, 720.0));
            ui.heading(t.conflict_title);
            ui.add(
                egui::Label::new(fill(
                    t.conflict_intro,
                    &[
                        (
                            "change",
                            if held.label == crate::session::PENDING_LABEL {
                                t.pending_change_label
                            } else {
                                &held.label
                            },
                        ),
                        ("n", &held.records.len().to_string()),
                    ],
                ))
                .wrap(),
            );
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .max_height((screen.height() * 0.6).max(160.0))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for (i, r) in held.records.iter().enumerate() {
                        let c = &r.conflict;
                        let Some(choice) = choices.choices.get_mut(i) else {
                            continue;
                        };
                        let (kind, id) = crate::store::server::key_parts(c.key);
                        let what = format!("{} {id}", crate::i18n::kind_name(kind, t));
                        let when =
                            c.at.map(|a| {
                                a.with_timezone(&chrono::Local)
                                    .format("%d/%m/%Y %H:%M")
                                    .to_string()
                            })
                            .unwrap_or_default();
                        let by = c.by.clone().unwrap_or_default();
                        let clash = c.expected.is_none() && c.theirs.is_some();
                        let head = match (&c.expected, &c.theirs, &c.mine) {
                            (_, None, _) => fill(t.conflict_deleted, &[("what", &what)]),
                            (None, Some(_), _) => fill(t.conflict_clash, &[("what", &what)]),
                            (_, _, None) => fill(t.conflict_mine_deleted, &[("what", &what)]),
                            _ => fill(
                                t.conflict_changed_by,
                                &[("what", &what), ("by", &by), ("time", &when)],
                            ),
                        };
                        ui.separator();
                        ui.strong(head);
                        if clash {
                            // Two records under one number: theirs stays, mine is typed again.
                            ui.add(egui::Label::new(t.conflict_clash_note).wrap());
                            choice.mine_whole = false;
                            continue;
                        }
                        if r.whole() {
                            ui.horizontal_wrapped(|ui| {
                                ui.radio_value(
                                    &mut choice.mine_whole,
                                    false,
                                    t.conflict_whole_theirs,
                                );
                                ui.radio_value(&mut choice.mine_whole, true, t.conflict_whole_mine);
                            });
                            continue;
                        }
                        for f in &r.fields {
                            ui.add_space(4.0);
                            let only = if f.was == f.theirs {
                                format!(" — {}", t.conflict_only_mine)
                            } else if f.was == f.mine {
                                format!(" — {}", t.conflict_only_theirs)
                            } else {
                                String::new()
                            };
                            ui.label(
                                egui::RichText::new(format!("{}{only}", field_name(&f.field, t)))
                                    .underline(),
                            );
                            let show = |v: &str| shown_value(kind, &f.field, v, lang);
                            ui.add(
                                egui::Label::new(
                                    egui::RichText::new(format!("{}: {}", t.col_was, show(&f.was)))
                                        .weak(),
                                )
                                .wrap(),
                            );
                            let mut mine = choice.mine_fields.contains(&f.field);
                            let before = mine;
                            ui.radio_value(
                                &mut mine,
                                false,
                                format!("{} ({by}): {}", t.col_theirs, show(&f.theirs)),
                            );
                            ui.radio_value(
                                &mut mine,
                                true,
                                format!("{}: {}", t.col_mine, show(&f.mine)),
                            );
                            if mine != before {
                                choice.mine_fields.retain(|x| x != &f.field);
                                if mine {
                                    choice.mine_fields.push(f.field.clone());
                                }
                            }
                        }
                    }
                });
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                if ui.button(t.conflict_keep_theirs_all).clicked() {
                    for c in choices.choices.iter_mut() {
                        *c = Choice::default();
                    }
                }
                if ui.button(t.conflict_keep_mine_all).clicked() {
                    for (c, r) in choices.choices.iter_mut().zip(&held.records) {
                        c.mine_whole = true;
                        c.mine_fields = r.fields.iter().map(|f| f.field.clone()).collect();
                    }
                }
                if ui.button(t.conflict_apply).clicked() {
                    apply = true;
                }
            });
        });
        if apply {
            let chosen = self
                .conflict_choices
                .take()
                .map(|c| c.choices)
                .unwrap_or_default();
            if let Some(s) = self.session.as_mut() {
                match s.resolve_conflict(&chosen) {
                    Ok(()) => self.toasts.info(self.lang.texts().conflict_resolved),
                    Err(e) => {
                        self.toasts
                            .error(self.lang.texts().server_refused, e.message(self.lang));
                    }
                }
            }
        }
    }
}

/// A field as people call it; its own name where none is known.
fn field_name(field: &str, t: &Texts) -> String {
    match field {
        "text" => t.field_text,
        "deadline" => t.field_deadline,
        "status" => t.field_status,
        "addressees" => t.field_addressees,
        "priority" => t.field_priority,
        "kind" => t.field_kind,
        "amount_dong" => t.field_amount,
        "notes" | "note" => t.col_note,
        "name" => t.field_name,
        "position" => t.field_position,
        "responses" => t.col_last_response,
        "area_ids" => t.col_area,
        _ => field,
    }
    .to_string()
}

/// A field's value as people read it: no JSON, dates and statuses the window's way.
fn shown_value(kind: &str, field: &str, v: &str, lang: Lang) -> String {
    let t = lang.texts();
    if v == "null" || v == "—" {
        return t.none_value.to_string();
    }
    if kind == "Recommendation"
        && field == "status"
        && let Ok(st) =
            serde_json::from_str::<crate::model::RecommendationStatus>(&format!("\"{v}\""))
    {
        return crate::i18n::status_label(st, t).to_string();
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return d.format("%d/%m/%Y").to_string();
    }
    if v.starts_with('[')
        && let Ok(items) = serde_json::from_str::<Vec<String>>(v)
    {
        return items.join("; ");
    }
    if let Ok(n) = v.parse::<i64>() {
        return crate::model::number::format_int(n, lang.number_style());
    }
    clip(v)
}

/// A value as the conflict view shows it: at most a few lines.
fn clip(text: &str) -> String {
    const MAX: usize = 600;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut s: String = text.chars().take(MAX).collect();
    s.push('…');
    s
}
