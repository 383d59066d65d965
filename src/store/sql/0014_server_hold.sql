-- Schema step 14: a copy of a server project closed while a change made on this computer
-- waited on someone else's to the same records (a conflict not yet chosen, or not yet sent)
-- holds others' later changes on every other record. `seq` stays the last change the held
-- records are as of; `through` is the last change the rest is as of, and `held` lists the
-- held records (JSON), so that the next opening sends only what was changed here — never
-- others' changes taken in meanwhile, as if they were this computer's. NULL: as `seq`.

ALTER TABLE server_origin ADD COLUMN through INTEGER CHECK (through IS NULL OR through >= seq);
ALTER TABLE server_origin ADD COLUMN held TEXT NOT NULL DEFAULT '[]';
