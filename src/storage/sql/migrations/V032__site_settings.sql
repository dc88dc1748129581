-- Settings of the whole deployment that an administrator changes in the browser, one row per
-- name: today the public base URL (对外网址, name 'public_url') under which QR codes and links are
-- printed. Every change is also in the audit log with its before and after.
CREATE TABLE site_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
