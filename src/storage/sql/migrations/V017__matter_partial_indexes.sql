-- A matter is accepted without a unit or handler (dispatch comes later), and some callers have no
-- household. Lists look these columns up only by value, so their indexes leave out the NULLs: an
-- intake then writes two or three index entries fewer.
DROP INDEX matters_unit_status;
CREATE INDEX matters_unit_status ON matters (unit_id, status, accepted_at) WHERE unit_id IS NOT NULL;
DROP INDEX matters_handler;
CREATE INDEX matters_handler ON matters (handler_id) WHERE handler_id IS NOT NULL;
DROP INDEX matters_household;
CREATE INDEX matters_household ON matters (household_id) WHERE household_id IS NOT NULL;
