-- A project issue resolved by a meeting decision names the decision (meeting_decisions, V046)
-- instead of a free text reference; it is solved once that decision is followed to completion.
ALTER TABLE project_issues ADD COLUMN decision_id BIGINT REFERENCES meeting_decisions (id);
ALTER TABLE project_issues DROP COLUMN decision_ref;
