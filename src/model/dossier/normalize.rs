//! A dossier as it is stored, whatever way it came in (typing, pasting, JSON, a report):
//! every text clean (Unicode NFC, line breaks as `\n`, no character a document cannot hold;
//! one-line fields on one line and trimmed), and lists kept in the order the project file
//! reads them back.

use super::Dossier;
use crate::model::text::{clean_line, clean_text};

impl Dossier {
    /// Cleans every text ([`clean_text`], [`clean_line`] for names and one-line fields), so
    /// pasted text is stored like typed text and prints in every format; and puts a
    /// recommendation's responses in date order, then by id, as the file reads them back —
    /// one order in the window and in the file, or a file read back would seem changed.
    pub fn normalize(&mut self) {
        let line = |s: &mut String| *s = clean_line(s);
        let para = |s: &mut String| *s = clean_text(s);
        let i = &mut self.info;
        line(&mut i.name);
        line(&mut i.supervising_body);
        line(&mut i.place);
        para(&mut i.notes);
        for p in &mut self.programs {
            line(&mut p.name);
            line(&mut p.decision);
        }
        for p in &mut self.projects {
            line(&mut p.code);
            line(&mut p.name);
        }
        for a in &mut self.areas {
            line(&mut a.name);
        }
        for f in &mut self.funding_sources {
            line(&mut f.name);
        }
        for a in &mut self.allocations {
            para(&mut a.note);
            line(&mut a.source_doc);
        }
        for ind in &mut self.indicators {
            line(&mut ind.name);
            line(&mut ind.unit);
        }
        for v in &mut self.indicator_values {
            para(&mut v.note);
            line(&mut v.source_doc);
        }
        for r in &mut self.rounds {
            line(&mut r.title);
            line(&mut r.plan_ref);
            line(&mut r.supervising_body);
            para(&mut r.notes);
            for s in &mut r.subjects {
                line(&mut s.body);
            }
            for m in &mut r.members {
                line(&mut m.person);
                line(&mut m.organisation);
                line(&mut m.role);
            }
            for s in &mut r.sessions {
                para(&mut s.topics);
                para(&mut s.documents);
            }
        }
        // A text's figures are found again in the cleaned text (their places may move when
        // decomposed letters are composed).
        let settle = |text: &str, f: &mut Vec<crate::model::FigureRef>| {
            *f = crate::model::figure_place::settle(text, std::mem::take(f));
        };
        for c in &mut self.conclusions {
            para(&mut c.text);
            settle(&c.text, &mut c.figures);
        }
        for p in &mut self.phrases {
            para(&mut p.text);
        }
        for v in &mut self.text_versions {
            line(&mut v.name);
            para(&mut v.text);
            settle(&v.text, &mut v.figures);
        }
        for doc in &mut self.documents {
            for f in [
                &mut doc.parent_body,
                &mut doc.issuer,
                &mut doc.issuer_sub,
                &mut doc.number,
                &mut doc.symbol,
                &mut doc.place,
                &mut doc.summary,
                &mut doc.signer_authority,
                &mut doc.signer_title,
                &mut doc.signer_name,
            ] {
                line(f);
            }
            para(&mut doc.closing);
            for r in &mut doc.recipients {
                line(r);
            }
        }
        for r in &mut self.recommendations {
            para(&mut r.text);
            settle(&r.text, &mut r.figures);
            for a in &mut r.addressees {
                line(a);
            }
            for resp in &mut r.responses {
                para(&mut resp.text);
                line(&mut resp.evidence);
            }
            r.responses.sort_by_key(|x| (x.date, x.id));
        }
        for x in &mut self.successions {
            line(&mut x.act);
        }
        for x in &mut self.issued_documents {
            line(&mut x.number);
            line(&mut x.number_line);
            line(&mut x.signer);
            line(&mut x.issued_by);
        }
        for e in &mut self.round_events {
            line(&mut e.recorded_by);
            para(&mut e.reason);
        }
        for a in &mut self.attachments {
            line(&mut a.name);
            line(&mut a.added_by);
            para(&mut a.note);
        }
        for e in &mut self.events {
            line(&mut e.recorded_by);
            line(&mut e.verifier);
            para(&mut e.note);
            para(&mut e.explanation);
        }
    }
}
