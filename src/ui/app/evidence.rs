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
            Action::OpenAttachment(a) => {
                // A copy in a folder named by its content: the project file's bytes are never
                // handed out to be changed, and a copy a viewer still holds open is opened
                // again rather than written over.
                let folder = std::env::temp_dir()
                    .join("giamsat-xem")
                    .join(&a.sha256[..a.sha256.len().min(16)]);
                let _ = std::fs::create_dir_all(&folder);
                let dest = folder.join(crate::store::attachments::safe_file_name(&a.name));
                if std::fs::metadata(&dest).is_ok_and(|m| m.len() == a.size) {
                    if let Err(e) = crate::print::printer::open_in_viewer(&dest) {
                        self.toasts.error(t.error_save, e.to_string());
                    }
                } else {
                    self.start_attachment_copy(a, dest, true);
                }
            }
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

    /// Copies an attached file out of the project, checked, off the UI thread; then opens it
    /// in the system's viewer when asked.
    pub(super) fn start_attachment_copy(&mut self, a: Attachment, dest: PathBuf, open: bool) {
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
            if open {
                TaskResult::AttachmentOpened(r.and_then(|()| {
                    crate::print::printer::open_in_viewer(&dest).map_err(|e| e.to_string())
                }))
            } else {
                TaskResult::FileWritten(dest, r)
            }
        }));
    }
}
