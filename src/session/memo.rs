//! A value worked out from a document and kept until the document changes: the memo every
//! screen cache is. Its key always carries the document's [`Stamp`], so a memo cannot hand
//! out a value of the project as it was, nor one of the project open before (every opened
//! project starts at revision 0; the stamp's document identity tells them apart).

use super::Stamp;

/// The last value worked out, with the stamp and the choices it was worked out for.
pub struct Memo<K, V> {
    kept: Option<(Stamp, K, V)>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { kept: None }
    }
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    /// The value for `key` in the document as `stamp` says it is: the kept one when both
    /// match, otherwise `make`'s, which is kept in its place.
    pub fn get(&mut self, stamp: Stamp, key: K, make: impl FnOnce(&K) -> V) -> V {
        if let Some((s, k, v)) = &self.kept
            && *s == stamp
            && *k == key
        {
            return v.clone();
        }
        let v = make(&key);
        self.kept = Some((stamp, key, v.clone()));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_worked_out_again_for_another_revision_document_or_choice() {
        let mut memo: Memo<&str, u32> = Memo::default();
        let mut made = 0;
        let mut get = |memo: &mut Memo<&str, u32>, document, revision, key| {
            memo.get(Stamp { document, revision }, key, |_| {
                made += 1;
                made
            })
        };
        assert_eq!(get(&mut memo, 1, 0, "a"), 1);
        assert_eq!(get(&mut memo, 1, 0, "a"), 1, "kept");
        assert_eq!(get(&mut memo, 1, 1, "a"), 2, "a change");
        assert_eq!(
            get(&mut memo, 2, 1, "a"),
            3,
            "another project at the same revision"
        );
        assert_eq!(get(&mut memo, 2, 1, "b"), 4, "another choice");
    }
}
