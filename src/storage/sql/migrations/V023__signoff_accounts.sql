-- The accounts of a household's residents: a matter's page asks whether the household can sign
-- it off with its own account (群众签字 by the resident's login), and users had no index on
-- resident_id. Partial: most users (staff) carry none.
CREATE INDEX users_resident ON users (resident_id) WHERE resident_id IS NOT NULL;
