-- The id of the HTTP request that made each audit entry (X-Request-Id, also in the server's log
-- lines), so an entry can be matched with the request's log. NULL for entries made outside a
-- request and for every entry older than this column. Chained entries hash it only when it is
-- set (src/domain/audit_chain.hpp), so the existing chain verifies unchanged. No index: looking
-- entries up by request id is an administrator's occasional search.
ALTER TABLE audit_log ADD COLUMN request_id TEXT;
