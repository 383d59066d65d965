//! Why a change or a Save As was not made, said in the user's language.

use super::*;

/// Why a change was not made. Nothing was written.
#[derive(Debug)]
pub enum ChangeError {
    ReadOnly,
    Rule(crate::model::rules::RuleViolation),
    Invalid(Vec<Problem>),
    Conflict(EditConflict),
    Store(StoreError),
    /// A team server's answer (a choice that cannot be merged into a record).
    Server(String),
    /// An undo or redo step the data will never take again (see `Session::undo`): it left
    /// the history.
    StepDropped {
        step: ChangeLabel,
        /// It was a redo (not an undo).
        redo: bool,
        why: Box<ChangeError>,
    },
}

impl ChangeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ChangeError::ReadOnly => lang.texts().error_read_only.to_string(),
            ChangeError::Rule(r) => r.message(lang),
            ChangeError::Invalid(p) => p
                .iter()
                .take(3)
                .map(|p| format!("{}: {}", p.path, p.message(lang)))
                .collect::<Vec<_>>()
                .join("; "),
            ChangeError::Conflict(c) => c.to_string(),
            ChangeError::Store(e) => e.message(lang),
            ChangeError::Server(e) => e.clone(),
            ChangeError::StepDropped { step, redo, why } => fill(
                if *redo {
                    lang.texts().error_redo_dropped
                } else {
                    lang.texts().error_step_dropped
                },
                &[
                    ("step", &step.render(lang.texts())),
                    ("why", &why.message(lang)),
                ],
            ),
        }
    }
}

/// Why Save As failed. The project stays open where it was.
#[derive(Debug)]
pub enum SaveError {
    InUse(Option<String>),
    /// Save As onto the file that is open read-only or unreachable.
    SameFile,
    Store(StoreError),
    /// Saving stopped on an error nobody foresaw (a bug); what it said. The project stays open
    /// where it was.
    Unexpected(String),
}

impl SaveError {
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            SaveError::InUse(h) => fill(
                t.error_file_in_use,
                &[("holder", h.as_deref().unwrap_or(t.holder_unknown))],
            ),
            SaveError::SameFile => t.error_save_same_file.to_string(),
            SaveError::Unexpected(detail) => fill(t.error_save_unexpected, &[("detail", detail)]),
            SaveError::Store(e) => e.message(lang),
        }
    }
}
