-- Schema step 10: the supervision round whose reports gave a figure, so the same areas'
-- figures as reported at different rounds can be compared. NULL where nobody said (every
-- figure stored before this step). A round that figures rest on is not deleted under them.

ALTER TABLE allocations ADD COLUMN round_id INTEGER REFERENCES rounds (id);
CREATE INDEX allocations_round ON allocations (round_id);
