-- The look-up pieces are PostgreSQL's (V071__lookup_pieces_index.postgres.sql).
SELECT 1;
