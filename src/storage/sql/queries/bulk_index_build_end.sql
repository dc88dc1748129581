-- After a bulk load built its indexes: the connection's page cache as it opened
-- (sqlite/sqlite_connection.cpp).
PRAGMA cache_size = -65536
