-- The audit chain's position needs no index. Appends never look a position up (they take the
-- head from audit_chain_head), and `minqing verify` reads the whole chain once and sorts it. The
-- unique index cost every intake one more B-tree insert and one more page written per commit;
-- uniqueness is still proven, by verify: two rows at one position break the sequence it checks.
DROP INDEX audit_log_chain_seq;
