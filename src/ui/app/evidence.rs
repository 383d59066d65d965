//! Evidence files of the follow-up board: attaching one (measured and staged off the window's
//! thread, then stored as one change), copying one out, opening one in the system's viewer.

use super::*;

impl GiamSatApp {
    /// Acts on what the follow-up board asked about evidence files.
    pub(super) fn evidence(&mut self, ctx: &egui::Context, a: Action) {
        let t = self.t();
        let dir = self.start_dir();
        match a {
            Action::Attach(target) => {
                self.pending_attach = Some(target);
                self.dialogs
                    .request(ctx, Purpose::Attach, dir, String::new(), t);
            }
            Action::SaveAttachment(a) => {
                let name = crate::store::attachments::safe_file_name(&a.name);
                self.pending_copy = Some(a);
                self.dialogs
                    .request(ctx, Purpose::SaveAttachment, dir, name, t);
            }
            Action::OpenAttachment(a) => match crate::store::attachments::runnable_kind(&a.name) {
                // A program, a script, a shortcut: opening it runs what the sender put in it.
                Some(kind) => self.modal = Some(Modal::OpenRunnable(a, kind)),
                None => self.start_attachment_open(a),
            },
            _ => {}
        }
    }

    /// Measures and stages the chosen file off the UI thread.
    pub(super) fn start_attach(&mut self, path: PathBuf) {
        let Some(target) = self.pending_attach.take() else {
            return;
        };
        if self.refuse_if_busy() {
            return;
        }
        let stage = self.paths.data_dir.join(STAGE_DIR);
        let label = fill(self.t().task_attaching, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            let r = crate::store::attachments::prepare(&path, &stage).map_err(|e| e.to_string());
            TaskResult::AttachPrepared(Box::new(r), target)
        }));
    }

    /// Stores a staged file as the board asked.
    pub(super) fn finish_attach(
        &mut self,
        prepared: Result<crate::store::Prepared, String>,
        target: PendingAttach,
    ) {
        let t = self.t();
        let lang = self.lang;
        let prepared = match prepared {
            Ok(p) => p,
            Err(e) => {
                self.toasts.error(t.error_change, e);
                return;
            }
        };
        let Some(s) = self.session.as_mut() else {
            let _ = std::fs::remove_file(&prepared.content);
            return;
        };
        let mut a = prepared.attachment(
            AttachmentId(s.new_id(Table::Attachments)),
            target.recommendation_id,
            crate::session::now(),
            &target.added_by,
        );
        a.response_id = target.response_id;
        a.event_id = target.event_id;
        a.received_on = target.received_on;
        a.document_date = target.document_date;
        let size_before = s.dossier().attachments.iter().map(|x| x.size).sum::<u64>();
        match s.attach(
            crate::session::ChangeLabel::add(|t| t.what_attachment, prepared.name.clone()),
            a,
            prepared.content.clone(),
        ) {
            Ok(()) => {
                let style = lang.number_style();
                self.toasts.info(fill(
                    t.fu_attached,
                    &[
                        ("name", &prepared.name),
                        (
                            "size",
                            &crate::model::number::format_size(prepared.size, style),
                        ),
                    ],
                ));
                let total = size_before + prepared.size;
                if total > crate::model::LARGE_PROJECT_BYTES
                    && size_before <= crate::model::LARGE_PROJECT_BYTES
                {
                    self.toasts.info(fill(
                        t.fu_project_large,
                        &[("size", &crate::model::number::format_size(total, style))],
                    ));
                }
            }
            Err(e) => {
                let _ = std::fs::remove_file(&prepared.content);
                self.toasts.error(t.error_change, e.message(lang));
            }
        }
    }

    /// Opens an attached file in the system's viewer: a copy in this user's own viewing
    /// folder, checked against the file's SHA-256 before every open (an earlier copy is opened
    /// again only when it still holds exactly the attached bytes), all off the UI thread.
    pub(super) fn start_attachment_open(&mut self, a: Attachment) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(s) = &self.session else {
            return;
        };
        let lang = self.lang;
        let label = fill(self.t().task_copying, &[("path", &a.name)]);
        let data_dir = self.paths.data_dir.clone();
        let viewer = Arc::clone(&self.screens.print.backend);
        // The copy's place comes back with the answer.
        let written = s.run_on_file(move |f| {
            let dir = crate::store::attachments::viewing_dir(&data_dir)
                .map_err(|e| crate::store::StoreError::Io(e, data_dir.clone()))?;
            let dest = crate::store::attachments::viewing_path(&dir, &a);
            if crate::store::attachments::holds(&dest, &a.sha256) {
                return Ok(dest);
            }
            if let Some(folder) = dest.parent() {
                std::fs::create_dir_all(folder)
                    .map_err(|e| crate::store::StoreError::Io(e, folder.to_path_buf()))?;
            }
            f.save_attachment(&a, &dest)?;
            crate::store::attachments::mark_as_from_outside(&dest);
            Ok(dest)
        });
        self.task = Some(self.spawn(label, move || {
            let r = match written.recv() {
                Ok(r) => r.map_err(|e| e.message(lang)),
                Err(_) => Err(lang.texts().error_change.to_string()),
            };
            TaskResult::AttachmentOpened(
                r.and_then(|dest| viewer.open_in_viewer(&dest).map_err(|e| e.to_string())),
            )
        }));
    }

    /// Copies an attached file out of the project, checked, off the UI thread.
    pub(super) fn start_attachment_copy(&mut self, a: Attachment, dest: PathBuf) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(s) = &self.session else {
            return;
        };
        let lang = self.lang;
        let label = fill(self.t().task_copying, &[("path", &a.name)]);
        let written = s.save_attachment(a, dest.clone());
        self.task = Some(self.spawn(label, move || {
            let r = match written.recv() {
                Ok(r) => r.map_err(|e| e.message(lang)),
                Err(_) => Err(lang.texts().error_change.to_string()),
            };
            TaskResult::FileWritten(dest, r)
        }));
    }
}
