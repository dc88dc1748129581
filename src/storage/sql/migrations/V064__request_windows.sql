-- Request limits every server process of a deployment counts together (issue 19, item 1): the
-- anonymous suggestion box per client address and the Open311 submissions per API key, which
-- until now each process counted on its own, so N processes behind the balancer let N times as
-- many through. One row per subject and fixed window; keys are hex SHA-256 of the purpose and
-- the subject (SharedRequestLimits), of fixed length whatever a client sends. The periodic job
-- deletes the windows that are over.
CREATE TABLE request_windows (
  bucket_key TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (bucket_key, window_start)
);
CREATE INDEX request_windows_start ON request_windows (window_start);
