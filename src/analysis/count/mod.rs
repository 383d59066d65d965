//! What counts: the one place where money figures are added into totals. Every amount staff
//! see — a chart's bars and its table's totals, the summary (table, csv, json), the Excel
//! export, every printed document, the figure phrase inserted in drafting, the follow-up
//! amounts, the import's check of a report's total — comes from here, and every total can say
//! what it is made of ([`Count`], [`explain`]). Nothing else in GiamSat adds money across
//! figures (`tests/suite/architecture.rs` holds the code to it).
//!
//! # The rules, and why
//!
//! 1. **What is in play.** A view chooses kinds, years, projects (a project brings its
//!    sub-projects: they are part of it), areas (an area brings the areas under it: they are
//!    part of it) and the round it looks from. A round's documents and drafting phrases look
//!    from that round ([`RoundView::AsOf`]): only the round's projects, with their
//!    sub-projects, in the areas it supervised — its subjects' areas and below — as the
//!    figures stood at that round. A round is about what it supervised; another district's or
//!    project's money has no place in its report, and a later round never changes what an
//!    earlier one printed. A round that names no project or no subject area covers them all,
//!    and its documents say so.
//! 2. **Rounds.** A later round's report of an area's figure for a project, period, kind and
//!    level replaces every earlier round's figures for it, whatever their funding sources: it
//!    is the same money reported again, and a source left unnamed the second time does not
//!    make it other money. Several sources within the later round add up among themselves. A
//!    figure of no round counts as earlier than any round. What was replaced is named.
//! 3. **Levels.** A figure on an area covers the area's total (its sub-areas included, as a
//!    district's report gives it) or only its own part (the district office's allocation,
//!    beside its communes') — see [`Covers`]. A figure on a project covers its sub-projects
//!    too, and a program is the sum of its projects. A total and the figures it includes, for
//!    the same period and kind, are never added: the total counts as its level reported it —
//!    that level answers for it — and the sum of the parts is shown beside it with the
//!    difference (a district's 468 beside its office's and communes' 180). Without a total,
//!    the own part and the parts' totals add up to the area's.
//! 4. **No guess.** Where no rule decides, the total is withheld and the reason shown, never
//!    guessed: parts directly under a total that add up to more than it; a part, however deep,
//!    reported at a later round than its total (the total may be out of date); figures of different levels that
//!    overlap without one including the other (a district's sub-project beside its communes'
//!    project); periods that overlap (a 2022–2023 total beside a 2023 figure of the same
//!    money).
//! 5. **Unknown stays unknown.** An amount reported without a sum is unknown, never zero; a
//!    total with an unknown part says so ("468 + chưa có số liệu"); a total whose level
//!    reported no sum stays unknown even when parts are known.
//! 6. **Kinds apart.** Allocated, carried-over and disbursed money are never added to each
//!    other, but for what a period had to spend — allocated plus carried over — which the
//!    disbursement rate divides by ([`Counter::available`]).

mod engine;
pub mod explain;
mod lists;
mod sums;
#[cfg(test)]
mod tests;
mod view;

pub use engine::{Counter, GridKey, RowKey};
pub use explain::{count_lines, count_lines_brief, tally_lines, withheld_text};
pub use sums::{Beside, MoneyTally, beside, sum_amounts};
pub use view::tree_order;

use crate::model::*;
use rustc_hash::FxHashSet;

pub use super::filter::RoundView;

/// What the totals of the whole project do with each figure that they do not simply add.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roles {
    /// Reported again at a later round: left out.
    pub replaced: FxHashSet<AllocationId>,
    /// Inside a total that is counted (a commune's within its district's, an office's own part
    /// within its district's total): not added on top.
    pub parts: FxHashSet<AllocationId>,
}

/// What a period had to spend: its allocated and its carried-over totals added (rule 6, the one
/// sum of two kinds), withheld when either is; a missing one adds nothing.
pub fn available_of(
    allocated: Option<&Tally>,
    carried: Option<&Tally>,
) -> Result<Tally, MoneyError> {
    let mut out = Tally {
        total: Some(AmountSum::default()),
        ..Default::default()
    };
    let mut more = TallyMore::default();
    for t in [allocated, carried].into_iter().flatten() {
        out.total = match (out.total, &t.total) {
            (Some(mut a), Some(b)) => {
                a.merge(b)?;
                Some(a)
            }
            _ => None,
        };
        out.withheld = out.withheld.or(t.withheld);
        out.ids.extend(t.ids.iter().copied());
        out.ids_left += t.ids_left;
        if let Some(m) = &t.more {
            more.part_ids.extend(m.part_ids.iter().copied());
            more.replaced_ids.extend(m.replaced_ids.iter().copied());
            more.beside.extend(m.beside.iter().cloned());
            more.parts_left += m.parts_left;
            more.replaced_left += m.replaced_left;
            more.beside_left += m.beside_left;
        }
    }
    out.ids.sort_unstable();
    more.part_ids.sort_unstable();
    more.replaced_ids.sort_unstable();
    out.more = more.boxed();
    Ok(out)
}

/// Which figures of `d` the project's totals leave out, and why — for the funds table and the
/// export, which list every figure and must say which ones a reader may not add.
pub fn roles(d: &Dossier) -> Result<Roles, MoneyError> {
    roles_of(&Counter::new(d, &super::AllocationFilter::default())?)
}

/// [`roles`] of a view already counted.
pub fn roles_of(counter: &Counter) -> Result<Roles, MoneyError> {
    let mut roles = Roles {
        replaced: counter.replaced().iter().map(|r| r.id).collect(),
        parts: FxHashSet::default(),
    };
    for kind in counter.kinds() {
        let t = counter.tally(&Query {
            kind,
            ..Default::default()
        })?;
        roles.parts.extend(t.part_ids().iter().copied());
    }
    Ok(roles)
}

/// What a total is asked over, within a [`Counter`]'s view. `None` is everything the view
/// holds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Query<'q> {
    /// Areas as shown (after the view's regrouping of reorganised units); each brings the
    /// areas under it.
    pub areas: Option<&'q [AreaId]>,
    /// Each brings its sub-projects.
    pub projects: Option<&'q [ProjectId]>,
    pub kind: AllocationKind,
    pub periods: Option<&'q [Period]>,
}

/// One figure of an area, project, period, kind and level as counted: the figures of one
/// round for it (several funding sources added).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub area: AreaId,
    pub project: ProjectId,
    pub kind: AllocationKind,
    pub period: Period,
    pub covers: Covers,
    pub sum: AmountSum,
    pub ids: Vec<AllocationId>,
    pub round: Option<RoundId>,
}

/// A total counted as its level reported it, with the parts it includes beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Whole {
    pub whole: Piece,
    /// The figures directly under it (each counted as its own level reported it).
    pub parts: Vec<Piece>,
    /// The parts added up; `None` when they overlap each other and cannot be.
    pub parts_sum: Option<AmountSum>,
}

impl Whole {
    /// The whole less the sum of its parts, in đồng, when both are known in full.
    pub fn difference(&self) -> Option<i64> {
        let whole = self.whole.sum.total()?;
        let parts = self.parts_sum.as_ref()?.total()?;
        Some(whole.get() - parts.get())
    }
}

/// Why a total is not given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Withheld {
    /// The parts add up to more than the total that includes them.
    PartsLarger { whole: Piece, parts_sum: AmountSum },
    /// A part was reported at a later round than the total that includes it.
    PartsLater { whole: Piece, part: Piece },
    /// Two figures overlap without one including the other.
    LevelsOverlap(Piece, Piece),
    /// Two figures of the same money for overlapping periods.
    PeriodsOverlap(Piece, Piece),
}

/// Why a total is not given, in short (for a table's cell or a csv column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WithheldWhy {
    PartsLarger,
    PartsLater,
    LevelsOverlap,
    PeriodsOverlap,
}

impl WithheldWhy {
    /// The code in csv and json.
    pub fn code(self) -> &'static str {
        match self {
            WithheldWhy::PartsLarger => "parts_larger",
            WithheldWhy::PartsLater => "parts_later",
            WithheldWhy::LevelsOverlap => "levels_overlap",
            WithheldWhy::PeriodsOverlap => "periods_overlap",
        }
    }
}

impl Withheld {
    pub fn why(&self) -> WithheldWhy {
        match self {
            Withheld::PartsLarger { .. } => WithheldWhy::PartsLarger,
            Withheld::PartsLater { .. } => WithheldWhy::PartsLater,
            Withheld::LevelsOverlap(..) => WithheldWhy::LevelsOverlap,
            Withheld::PeriodsOverlap(..) => WithheldWhy::PeriodsOverlap,
        }
    }
}

/// A figure left out because a later round reported the same money again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replaced {
    pub id: AllocationId,
    pub area: AreaId,
    pub project: ProjectId,
    pub kind: AllocationKind,
    pub period: Period,
    pub covers: Covers,
    pub amount: Amount,
    pub round: Option<RoundId>,
    /// The round whose report replaced it.
    pub by: Option<RoundId>,
}

/// A total with everything it is made of: what was counted, the totals counted with the parts
/// they include, what a later round replaced, and why the total is withheld if it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Count {
    pub kind: AllocationKind,
    /// `None`: withheld (see `withheld`). An empty sum: no figure at all.
    pub total: Option<AmountSum>,
    pub counted: Vec<Piece>,
    pub wholes: Vec<Whole>,
    pub withheld: Vec<Withheld>,
    pub replaced: Vec<Replaced>,
}

/// A total counted as its level reported it, and its parts added up (`None`: they overlap
/// and cannot be), in short.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WholeShort {
    pub area: AreaId,
    pub project: ProjectId,
    pub period: Period,
    pub covers: Covers,
    pub whole: AmountSum,
    pub parts: Option<AmountSum>,
}

impl WholeShort {
    /// The whole less its parts, in đồng, when both are known in full.
    pub fn difference(&self) -> Option<i64> {
        Some(self.whole.total()?.get() - self.parts.as_ref()?.total()?.get())
    }
}

/// A total in short, as a chart's bar, a table's cell or a summary's row carries it: the
/// figures behind it by id, enough to say what it is made of ([`tally_lines`]). Small: a
/// province's summary holds a million.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// `None`: withheld, for the reason in `withheld`.
    pub total: Option<AmountSum>,
    /// The figures counted, in id order.
    pub ids: Vec<AllocationId>,
    pub withheld: Option<WithheldWhy>,
    /// What else it names, when there is anything: most totals have nothing else.
    pub more: Option<Box<TallyMore>>,
    /// How many more figures were counted than `ids` names: a total kept in brief
    /// ([`Tally::brief`]) names only its first figures.
    pub ids_left: usize,
}

/// What a total leaves out, and the totals it counts beside their parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TallyMore {
    /// Figures not added because a total counted here includes them, in id order.
    pub part_ids: Vec<AllocationId>,
    /// Figures a later round's report replaced, in id order.
    pub replaced_ids: Vec<AllocationId>,
    /// The totals counted here that include parts, with their parts added up beside them.
    pub beside: Vec<WholeShort>,
    /// How many more parts, and replaced figures, there are than listed (in brief).
    pub parts_left: usize,
    pub replaced_left: usize,
    /// How many more totals with parts there are than `beside` lists (in brief).
    pub beside_left: usize,
}

impl TallyMore {
    fn is_empty(&self) -> bool {
        self.part_ids.is_empty()
            && self.replaced_ids.is_empty()
            && self.beside.is_empty()
            && self.parts_left == 0
            && self.replaced_left == 0
            && self.beside_left == 0
    }

    /// Itself, boxed, when it holds anything.
    pub fn boxed(self) -> Option<Box<TallyMore>> {
        (!self.is_empty()).then(|| Box::new(self))
    }
}

impl Tally {
    /// The same total naming only its first `keep` figures of each list (and how many more
    /// there are): enough to say what it is made of, for a total of a whole province.
    pub fn brief(mut self, keep: usize) -> Tally {
        if self.ids.len() > keep {
            self.ids_left += self.ids.len() - keep;
            self.ids.truncate(keep);
            self.ids.shrink_to_fit();
        }
        if let Some(m) = &mut self.more {
            for (list, left) in [
                (&mut m.part_ids, &mut m.parts_left),
                (&mut m.replaced_ids, &mut m.replaced_left),
            ] {
                if list.len() > keep {
                    *left += list.len() - keep;
                    list.truncate(keep);
                    list.shrink_to_fit();
                }
            }
            if m.beside.len() > keep {
                m.beside_left += m.beside.len() - keep;
                m.beside.truncate(keep);
                m.beside.shrink_to_fit();
            }
        }
        self
    }

    /// How many figures are counted.
    pub fn counted(&self) -> usize {
        self.ids.len() + self.ids_left
    }

    /// How many figures are left out as parts of a total counted here.
    pub fn parts(&self) -> usize {
        self.more
            .as_ref()
            .map_or(0, |m| m.part_ids.len() + m.parts_left)
    }

    /// How many figures a later round replaced.
    pub fn replaced(&self) -> usize {
        self.more
            .as_ref()
            .map_or(0, |m| m.replaced_ids.len() + m.replaced_left)
    }

    /// Figures not added because a total counted here includes them, in id order.
    pub fn part_ids(&self) -> &[AllocationId] {
        self.more.as_ref().map_or(&[], |m| &m.part_ids)
    }

    /// Figures a later round's report replaced, in id order.
    pub fn replaced_ids(&self) -> &[AllocationId] {
        self.more.as_ref().map_or(&[], |m| &m.replaced_ids)
    }

    /// The totals counted here that include parts, with their parts added up beside them.
    pub fn beside(&self) -> &[WholeShort] {
        self.more.as_ref().map_or(&[], |m| &m.beside)
    }

    /// Whether there is no figure behind it at all.
    pub fn is_empty(&self) -> bool {
        self.counted() == 0 && self.withheld.is_none()
    }

    /// Every figure it names (counted, parts, replaced), in id order.
    pub fn all_ids(&self) -> Vec<AllocationId> {
        let mut v: Vec<AllocationId> = self
            .ids
            .iter()
            .chain(self.part_ids())
            .chain(self.replaced_ids())
            .copied()
            .collect();
        v.sort();
        v.dedup();
        v
    }
}
