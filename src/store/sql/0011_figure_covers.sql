-- Schema step 11: what a figure on an area covers — the area's total (its sub-areas included)
-- or the area's own part (a district office's allocation, beside its communes') — so that a
-- total and its parts are never added together. Figures stored before this step are totals,
-- but for the office rows of imported reports, which the upgrade marks 'own' afterwards
-- (store::schema::mark_own_parts; the rule is model::figures::own_parts_in_old_data).

ALTER TABLE allocations ADD COLUMN covers TEXT NOT NULL DEFAULT 'total'
    CHECK (covers IN ('total', 'own'));
