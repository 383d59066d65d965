//! The screens. Each is a type with a `ui` method; they record what the user asked for through
//! the session (one change per action) and never touch SQL.

pub mod allocations;
pub mod areas;
pub mod charts;
pub mod drafting;
pub mod follow_up;
pub mod general;
pub mod indicators;
pub mod print;
pub mod round;

pub use allocations::AllocationsScreen;
pub use areas::AreasScreen;
pub use charts::ChartsScreen;
pub use drafting::DraftingScreen;
pub use follow_up::{DueLink, FollowUpScreen, PendingAttach};
pub use general::{InfoScreen, ProgramsScreen};
pub use indicators::IndicatorsScreen;
pub use print::PrintScreen;
pub use round::RoundScreen;

use crate::i18n::{Lang, Texts};
use crate::model::*;
use crate::session::{Change, Session};
use crate::ui::commands::Command;
use crate::ui::fields::Fields;
use crate::ui::toasts::Toasts;

/// The one shape of a screen: it draws itself in `ui` with what the context gives, records
/// what the user changed through the session, and hands back what only the app can do.
pub trait Screen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action>;
}

/// What a screen asks the app to do, after the frame: things that reach past the screen (a
/// file dialog, a job, another screen, the settings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A command of the menus (export the tables, import a table of successor units…).
    Run(Command),
    /// Show a figure in the funds table.
    OpenAllocation(AreaId, AllocationId),
    /// Show a part of the data screen.
    OpenSection(DataSection),
    /// Show a round on the drafting screen.
    OpenDrafting(RoundId),
    /// Ask where, and write the chart shown as SVG or PNG.
    ExportChart { png: bool },
    /// Remember the name the user recorded history under (the settings' user name).
    RememberUser(String),
    /// Ask for a file and attach it as described.
    Attach(PendingAttach),
    /// Open a copy of an attached file in the system's viewer.
    OpenAttachment(Attachment),
    /// Ask where, and write a copy of an attached file there.
    SaveAttachment(Attachment),
    /// Ask where, and write the print screen's document as PDF or Word.
    SaveDocument { docx: bool },
    /// Print the print screen's document as chosen in its dialog.
    Print,
    /// No printer is set up: open the PDF in the system's viewer, to print from there.
    OpenInViewer,
    /// Issue a round: render its documents off the window's thread and store them as issued.
    Issue(IssueAsk),
    /// Open the user guide on a chapter (its id).
    OpenGuide(&'static str),
}

/// A screen with nothing yet: what to do next, and a link to the guide's chapter about it.
pub fn empty_state(
    ui: &mut egui::Ui,
    lang: crate::i18n::Lang,
    text: &str,
    chapter: &'static str,
) -> Option<Action> {
    let t = lang.texts();
    let title = crate::guide::chapters(lang)
        .iter()
        .find(|c| c.id == chapter)
        .map(|c| c.title.as_str())
        .unwrap_or_default();
    let mut go = false;
    ui.add_space(12.0);
    egui::Frame::group(ui.style())
        .inner_margin(12)
        .show(ui, |ui| {
            ui.set_max_width(560.0);
            ui.add(egui::Label::new(text).wrap());
            ui.add_space(4.0);
            go = ui
                .link(crate::i18n::fill(t.guide_open, &[("chapter", title)]))
                .clicked();
        });
    go.then_some(Action::OpenGuide(chapter))
}

/// What the user asked to issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueAsk {
    pub round: RoundId,
    /// The documents to store; the notice (or, without it, the first) takes the number.
    pub kinds: Vec<DocKind>,
    pub number: String,
    pub date: chrono::NaiveDate,
    pub signer: String,
    /// What the number check still listed when the user chose to issue anyway (empty: none).
    pub check_note: String,
}

/// Every screen, with what it remembers between frames.
pub struct Screens {
    pub info: InfoScreen,
    pub programs: ProgramsScreen,
    pub areas: AreasScreen,
    pub allocations: AllocationsScreen,
    pub indicators: IndicatorsScreen,
    pub round: RoundScreen,
    pub charts: ChartsScreen,
    pub drafting: DraftingScreen,
    pub follow_up: FollowUpScreen,
    pub print: PrintScreen,
}

impl Screens {
    pub fn new(printing: std::sync::Arc<dyn crate::print::printer::PrintBackend>) -> Screens {
        Screens {
            info: InfoScreen,
            programs: ProgramsScreen,
            areas: AreasScreen::default(),
            allocations: AllocationsScreen::default(),
            indicators: IndicatorsScreen,
            round: RoundScreen::default(),
            charts: ChartsScreen::default(),
            drafting: DraftingScreen::default(),
            follow_up: FollowUpScreen::default(),
            print: PrintScreen::new(printing),
        }
    }

    /// What the screens chose inside the last project — filters naming its areas, a selected
    /// round or recommendation, a page of its preview — means nothing in another one, or worse,
    /// something else. The user's preferences stay: the chart kind, the document, the printer.
    pub fn forget_document_state(&mut self) {
        let mut fresh = Screens::new(std::sync::Arc::clone(&self.print.backend));
        fresh.charts.kind = self.charts.kind;
        fresh.print.kind = self.print.kind;
        fresh.print.printer = self.print.printer.take();
        fresh.follow_up.summary_open = self.follow_up.summary_open;
        *self = fresh;
    }

    /// The screen of a part of the data screen.
    pub fn section(&mut self, section: DataSection) -> &mut dyn Screen {
        match section {
            DataSection::General => &mut self.info,
            DataSection::Programs => &mut self.programs,
            DataSection::Areas => &mut self.areas,
            DataSection::Allocations => &mut self.allocations,
            DataSection::Indicators => &mut self.indicators,
            DataSection::Round => &mut self.round,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DataSection {
    General,
    Programs,
    Areas,
    #[default]
    Allocations,
    Indicators,
    Round,
}

impl DataSection {
    pub const ALL: [DataSection; 6] = [
        DataSection::General,
        DataSection::Programs,
        DataSection::Areas,
        DataSection::Allocations,
        DataSection::Indicators,
        DataSection::Round,
    ];

    /// The name used on the command line (`--view areas` opens the data screen there).
    pub fn code(self) -> &'static str {
        match self {
            DataSection::General => "general",
            DataSection::Programs => "programs",
            DataSection::Areas => "areas",
            DataSection::Allocations => "allocations",
            DataSection::Indicators => "indicators",
            DataSection::Round => "round",
        }
    }

    pub fn from_code(s: &str) -> Option<DataSection> {
        DataSection::ALL.into_iter().find(|x| x.code() == s)
    }
}

/// What a screen may use while drawing.
pub struct Ctx<'a> {
    pub session: &'a mut Session,
    pub fields: &'a mut Fields,
    pub toasts: &'a mut Toasts,
    pub lang: Lang,
    pub unit: MoneyUnit,
    /// The name changes to histories and lock logs are recorded under (the settings' user
    /// name, else the system's name for the user; may be empty).
    pub user: &'a str,
    /// Today, for deadlines and dates put on documents (tests fix it).
    pub today: chrono::NaiveDate,
    /// Where screens start work that must not hold up the window.
    pub jobs: &'a crate::ui::jobs::Jobs,
}

impl Ctx<'_> {
    pub fn t(&self) -> &'static Texts {
        self.lang.texts()
    }

    pub fn read_only(&self) -> bool {
        self.session.read_only().is_some()
    }

    /// Makes a change; a refusal is shown as a toast.
    pub fn apply(&mut self, change: Change) {
        if let Err(e) = self.session.apply(change) {
            self.toasts
                .error(self.t().error_change, e.message(self.lang));
        }
        self.session.seal();
    }
}

/// Applies a change made from a text field; `done` (the user left the field) ends the undo step.
pub fn apply_from_field(
    session: &mut Session,
    lang: Lang,
    change: Change,
    done: bool,
) -> Result<(), String> {
    let r = session.apply(change).map_err(|e| e.message(lang));
    if done {
        session.seal();
    }
    r
}

/// Gives a widget an accessible name (how screen readers and the UI tests find it).
pub fn name(ui: &egui::Ui, response: &egui::Response, label: impl Into<String>) {
    let label = label.into();
    ui.ctx()
        .accesskit_node_builder(response.id, |n| n.set_label(label));
}

/// A drop-down whose choice is applied at once. Returns the new choice when changed.
pub fn combo<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    id: egui::Id,
    label: &str,
    current: &T,
    options: &[(T, String)],
    width: f32,
    enabled: bool,
) -> Option<T> {
    let shown = options
        .iter()
        .find(|(v, _)| v == current)
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    let mut chosen = None;
    // A box of the combo's own size: a row that wraps (a toolbar at 150 %) moves it to the
    // next line instead of running past the window's edge.
    let size = egui::vec2(
        width + ui.spacing().button_padding.x * 2.0 + ui.spacing().item_spacing.x,
        ui.spacing().interact_size.y,
    );
    let r = ui.allocate_ui_with_layout(
        size,
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.add_enabled_ui(enabled, |ui| {
                // A long choice (a round's full title) is cut at the box's width, never
                // widening the panel it sits in; the full text shows on hover.
                egui::ComboBox::from_id_salt(id)
                    .selected_text(shown.clone())
                    .width(width)
                    .truncate()
                    .show_ui(ui, |ui| {
                        for (value, text) in options {
                            if ui.selectable_label(value == current, text).clicked()
                                && value != current
                            {
                                chosen = Some(value.clone());
                            }
                        }
                    })
            })
        },
    );
    let response = r.inner.inner.response;
    name(ui, &response, label);
    // The full text on hover, only where it was cut (enabled or not: a read-only project's
    // boxes cannot be opened to read it).
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text_width = ui
        .painter()
        .layout_no_wrap(shown.clone(), font, egui::Color32::PLACEHOLDER)
        .size()
        .x;
    if text_width > width - ui.spacing().icon_width - ui.spacing().icon_spacing {
        response
            .on_hover_text(shown.clone())
            .on_disabled_hover_text(shown);
    }
    chosen
}

/// "huyện Hữu Lũng" or "district Hữu Lũng" depending on the language.
/// The round a screen shows: the one picked, or the first when none is (or it was deleted).
pub fn round_or_first(d: &Dossier, picked: Option<RoundId>) -> Option<Round> {
    picked
        .and_then(|id| d.rounds.iter().find(|r| r.id == id))
        .or(d.rounds.first())
        .cloned()
}

/// Reads an optional year typed in a field.
pub fn parse_year(s: &str, t: &Texts) -> Result<Option<i32>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i32>() {
        Ok(y) if (period::MIN_YEAR..=period::MAX_YEAR).contains(&y) => Ok(Some(y)),
        _ => Err(t.err_year.to_string()),
    }
}

pub fn year_text(y: Option<i32>) -> String {
    y.map(|y| y.to_string()).unwrap_or_default()
}

/// A required one-line text: trimmed, not empty.
pub fn required(s: &str, t: &Texts) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        Err(t.err_required.to_string())
    } else {
        Ok(s.to_string())
    }
}

/// A button that shows why it is disabled when hovered.
pub fn delete_button(
    ui: &mut egui::Ui,
    t: &Texts,
    label: &str,
    blocked_by: usize,
    read_only: bool,
) -> bool {
    let enabled = blocked_by == 0 && !read_only;
    let r = ui.add_enabled(enabled, egui::Button::new(t.delete));
    name(ui, &r, format!("{} — {label}", t.delete));
    let r = if blocked_by > 0 {
        r.on_disabled_hover_text(crate::i18n::fill(
            t.in_use_cannot_delete,
            &[("count", &blocked_by.to_string())],
        ))
    } else {
        r
    };
    r.clicked()
}
