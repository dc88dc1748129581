-- After a bulk load built its indexes: the connection's sorts run on its own thread again.
PRAGMA threads = 0
