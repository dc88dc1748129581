-- SettingsRepository::TakeJobLease: the lease is taken when nobody holds it, renewed by its
-- holder, and taken over once expired; otherwise the row stays as it is and no row changes.
INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= $4
