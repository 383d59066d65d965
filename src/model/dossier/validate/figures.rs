//! Validation of the figures: allocations and indicator values.

use super::{Known, Validator, W_AREA, W_FUNDING, W_INDICATOR, W_PROJECT, W_ROUND};
use crate::model::dossier::Dossier;
use crate::model::record::RecordKey;

impl Validator {
    /// Allocations and indicator values.
    pub(super) fn figures(&mut self, d: &Dossier, known: &Known) {
        let items: Vec<_> = d
            .allocations
            .iter()
            .map(|a| (a.id, self.wants(RecordKey::Allocation(a.id))))
            .collect();
        self.unique_among("allocations", &items);
        for (i, a) in d.allocations.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            self.reference(
                || format!("allocations[{i}].area_id"),
                &a.area_id,
                &known.areas,
                W_AREA,
            );
            self.reference(
                || format!("allocations[{i}].project_id"),
                &a.project_id,
                &known.projects,
                W_PROJECT,
            );
            if let Some(f) = a.funding_source_id {
                self.reference(
                    || format!("allocations[{i}].funding_source_id"),
                    &f,
                    &known.sources,
                    W_FUNDING,
                );
            }
            if let Some(r) = a.round_id {
                self.reference(
                    || format!("allocations[{i}].round_id"),
                    &r,
                    &known.rounds,
                    W_ROUND,
                );
            }
        }

        let items: Vec<_> = d
            .indicator_values
            .iter()
            .map(|x| (x.id, self.wants(RecordKey::IndicatorValue(x.id))))
            .collect();
        self.unique_among("indicator_values", &items);
        for (i, x) in d.indicator_values.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            self.reference(
                || format!("indicator_values[{i}].indicator_id"),
                &x.indicator_id,
                &known.indicators,
                W_INDICATOR,
            );
            self.reference(
                || format!("indicator_values[{i}].area_id"),
                &x.area_id,
                &known.areas,
                W_AREA,
            );
            if let Some(kind) = known.indicator_kind.get(&x.indicator_id)
                && !x.value.fits(*kind)
            {
                self.push(
                    format!("indicator_values[{i}].value"),
                    "giá trị không đúng loại của chỉ tiêu (số hoặc tháng)",
                    "the value does not fit the indicator's type (number or month)",
                );
            }
        }
    }
}
