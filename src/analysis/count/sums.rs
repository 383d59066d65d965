//! Adding money that is not a view's figures: a report's rows against its own "Tổng cộng" line
//! and the parts an import brings beside a district's figure (rule 3: shown beside, never
//! added), and the follow-up's recommended and carried-out amounts. Here so that every sum of
//! money GiamSat shows is made in this module, with the same exact arithmetic.

use crate::model::*;

/// Amounts added up: the known part exactly, the unknown ones counted (never as zero).
pub fn sum_amounts(amounts: impl IntoIterator<Item = Amount>) -> Result<AmountSum, MoneyError> {
    let mut s = AmountSum::default();
    for a in amounts {
        s.add(a)?;
    }
    Ok(s)
}

/// A total beside the parts a report gives of it: their sum and the difference, never added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Beside {
    /// `None` when the sum is too large to hold.
    pub parts: Option<AmountSum>,
    /// The total less its parts, when both are known in full.
    pub difference: Option<i64>,
}

impl Beside {
    /// The parts' sum when every part is known.
    pub fn parts_total(&self) -> Option<Dong> {
        self.parts.as_ref()?.total()
    }

    /// Whether the known parts already add up to more than the known total: no rule decides
    /// which to believe.
    pub fn parts_larger(&self, whole: Amount) -> bool {
        match (whole, &self.parts) {
            (Amount::Known(w), Some(p)) => p.known > w,
            _ => false,
        }
    }
}

/// `whole` beside its `parts`.
pub fn beside(whole: Amount, parts: impl IntoIterator<Item = Amount>) -> Beside {
    let parts = sum_amounts(parts).ok();
    let difference = match (whole, parts.as_ref().and_then(AmountSum::total)) {
        (Amount::Known(w), Some(p)) => Some(w.get() - p.get()),
        _ => None,
    };
    Beside { parts, difference }
}

/// Money the follow-up adds (the amounts recommended, the amounts carried out): exact, and a
/// sum past what can be held is said to be so, never capped to a wrong figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MoneyTally {
    dong: i64,
    overflow: bool,
}

impl MoneyTally {
    pub fn add(&mut self, dong: i64) {
        match self.dong.checked_add(dong) {
            Some(v) if !self.overflow => self.dong = v,
            _ => self.overflow = true,
        }
    }

    /// The sum, or `None` when it is too large to hold.
    pub fn get(self) -> Option<i64> {
        (!self.overflow).then_some(self.dong)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trieu(n: i64) -> Amount {
        Amount::Known(Dong::from_trieu(n).unwrap())
    }

    #[test]
    fn a_total_beside_its_parts_gives_their_sum_and_the_difference_never_a_new_total() {
        let b = beside(trieu(468), [trieu(100), trieu(50), trieu(30)]);
        assert_eq!(b.parts_total(), Some(Dong::from_trieu(180).unwrap()));
        assert_eq!(b.difference, Some(288_000_000));
        assert!(!b.parts_larger(trieu(468)));
        let unknown = beside(trieu(468), [trieu(100), Amount::Unknown]);
        assert_eq!(unknown.parts_total(), None);
        assert_eq!(unknown.difference, None);
        assert!(beside(trieu(100), [trieu(60), trieu(50)]).parts_larger(trieu(100)));
    }

    #[test]
    fn a_follow_up_sum_too_large_to_hold_says_so() {
        let mut t = MoneyTally::default();
        t.add(5);
        t.add(7);
        assert_eq!(t.get(), Some(12));
        t.add(i64::MAX);
        assert_eq!(t.get(), None);
        t.add(-20);
        assert_eq!(t.get(), None, "once past, always past");
    }
}
