-- The duplicates merged into a matter (detail page, shared outcome on sign-off). Partial: only
-- merged matters carry merged_into_id.
CREATE INDEX matters_merged_into ON matters (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- Open-and-not-replied lists (overdue, escalation): the condition becomes "status + 0 IN ...",
-- which the queries repeat word for word. SQLite's planner, without statistics, preferred
-- matters_status for "status IN (1, 2, 3)" and read every open matter (0.13 s at 1M matters);
-- an expression on status leaves this partial index as the only candidate.
DROP INDEX matters_due_open;
-- matter status: 1 accepted, 2 dispatched, 3 in_progress (open, not replied)
CREATE INDEX matters_due_open ON matters (due_at) WHERE status + 0 IN (1, 2, 3);
