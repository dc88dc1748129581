-- After a bulk load built its indexes: the session's sort memory again.
SET LOCAL maintenance_work_mem = DEFAULT
