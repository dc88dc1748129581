SELECT COUNT(*) FROM audit_log a
