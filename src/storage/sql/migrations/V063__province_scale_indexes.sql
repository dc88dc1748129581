-- Reads that stay proportional to what they answer at a province's size (issue 19; the
-- PostgreSQL variant holds the province's indexes). SQLite serves a county: its dashboard and
-- one-box look-up are measured within their targets there (dashboard_bench, lookup_bench), and
-- its planner keeps the matter list's indexes it has.

-- Deleting a resident checks that no matter names it.
CREATE INDEX matters_resident ON matters (resident_id) WHERE resident_id IS NOT NULL;
