-- PostgreSQL version: text_pattern_ops so LIKE 'prefix%' uses the index under any collation.
-- Open-and-not-replied lists (overdue, escalation) use the partial index, whose condition the
-- queries repeat word for word.
CREATE INDEX matters_region_path ON matters (region_path text_pattern_ops);
CREATE INDEX matters_unit_status ON matters (unit_id, status, accepted_at);
CREATE INDEX matters_status ON matters (status, accepted_at);
CREATE INDEX matters_household ON matters (household_id);
CREATE INDEX matters_accepted ON matters (accepted_at, id);
-- matter status: 1 accepted, 2 dispatched, 3 in_progress (open, not replied)
CREATE INDEX matters_due_open ON matters (due_at) WHERE status IN (1, 2, 3);
-- matter status: 4 replied
CREATE INDEX matters_replied ON matters (replied_at) WHERE status = 4;
CREATE INDEX matters_handler ON matters (handler_id);
CREATE INDEX matter_categories_parent ON matter_categories (parent_id);
CREATE INDEX routing_rules_category ON routing_rules (category_id);
CREATE INDEX matter_events_matter ON matter_events (matter_id, at);
CREATE INDEX matter_attachments_matter ON matter_attachments (matter_id);
CREATE INDEX supervision_orders_matter ON supervision_orders (matter_id);
CREATE INDEX callback_tasks_matter ON callback_tasks (matter_id, created_at);
CREATE INDEX callback_tasks_open ON callback_tasks (created_at) WHERE done_at IS NULL;
CREATE INDEX sms_outbox_created ON sms_outbox (created_at);
CREATE INDEX time_slots_unit_date ON time_slots (unit_id, date);
CREATE INDEX appointments_slot ON appointments (slot_id);
CREATE INDEX proxy_errands_household ON proxy_errands (household_id);
CREATE INDEX proxy_errands_assistant ON proxy_errands (assistant_id);
CREATE INDEX matter_stats_dimension_day ON matter_stats (dimension, day);
