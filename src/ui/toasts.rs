//! Notices and errors shown in the corner, in the UI's language, with details to copy.
//! Notices fade after a while; errors stay until closed. Nothing repaints once they are gone.

use crate::i18n::Texts;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug)]
pub struct Toast {
    pub level: Level,
    pub message: String,
    pub details: Option<String>,
    /// egui time when it was shown; set on first display.
    shown_at: Option<f64>,
    show_details: bool,
    id: u64,
}

#[derive(Default)]
pub struct Toasts {
    items: Vec<Toast>,
    next_id: u64,
}

const INFO_SECONDS: f64 = 6.0;

impl Toasts {
    pub fn push(&mut self, level: Level, message: impl Into<String>, details: Option<String>) {
        self.next_id += 1;
        self.items.push(Toast {
            level,
            message: message.into(),
            details,
            shown_at: None,
            show_details: false,
            id: self.next_id,
        });
    }

    pub fn info(&mut self, message: impl Into<String>) {
        self.push(Level::Info, message, None);
    }

    pub fn error(&mut self, message: impl Into<String>, details: impl Into<String>) {
        let details = details.into();
        self.push(
            Level::Error,
            message,
            (!details.is_empty()).then_some(details),
        );
    }

    pub fn warning(&mut self, message: impl Into<String>) {
        self.push(Level::Warning, message, None);
    }

    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|t| t.message.as_str())
    }

    pub fn ui(&mut self, ctx: &egui::Context, t: &Texts) {
        if self.items.is_empty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let mut next_expiry: Option<f64> = None;
        self.items.retain_mut(|toast| {
            let shown = *toast.shown_at.get_or_insert(now);
            if toast.level == Level::Info && !toast.show_details {
                let left = shown + INFO_SECONDS - now;
                if left <= 0.0 {
                    return false;
                }
                next_expiry = Some(next_expiry.map_or(left, |n: f64| n.min(left)));
            }
            true
        });
        if let Some(left) = next_expiry {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
        }
        let mut close: Option<u64> = None;
        egui::Area::new(egui::Id::unique("toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for toast in &mut self.items {
                    let (fill, stroke) = match toast.level {
                        Level::Info => (
                            ui.visuals().extreme_bg_color,
                            ui.visuals().widgets.noninteractive.bg_stroke,
                        ),
                        Level::Warning => (
                            ui.visuals().extreme_bg_color,
                            egui::Stroke::new(1.5, ui.visuals().warn_fg_color),
                        ),
                        Level::Error => (
                            ui.visuals().extreme_bg_color,
                            egui::Stroke::new(1.5, ui.visuals().error_fg_color),
                        ),
                    };
                    egui::Frame::popup(ui.style())
                        .fill(fill)
                        .stroke(stroke)
                        .show(ui, |ui| {
                            ui.horizontal(|ui| {
                                let color = match toast.level {
                                    Level::Info => ui.visuals().text_color(),
                                    Level::Warning => ui.visuals().warn_fg_color,
                                    Level::Error => ui.visuals().error_fg_color,
                                };
                                ui.add(
                                    egui::Label::new(
                                        egui::RichText::new(&toast.message).color(color),
                                    )
                                    .wrap(),
                                );
                            });
                            ui.horizontal(|ui| {
                                if let Some(details) = &toast.details {
                                    ui.toggle_value(&mut toast.show_details, t.details);
                                    if ui.button(t.copy).clicked() {
                                        ui.ctx()
                                            .copy_text(format!("{}\n{}", toast.message, details));
                                    }
                                }
                                if ui.button(t.close).clicked() {
                                    close = Some(toast.id);
                                }
                            });
                            if toast.show_details
                                && let Some(details) = &toast.details
                            {
                                ui.add(
                                    egui::Label::new(egui::RichText::new(details).small())
                                        .wrap()
                                        .selectable(true),
                                );
                            }
                        });
                    ui.add_space(6.0);
                }
            });
        if let Some(id) = close {
            self.items.retain(|t| t.id != id);
        }
    }
}
