-- cacifo: the database user the functions run as (MariaDB 10.6+), with least privilege: rows of
-- the cacifo database may be read, added, changed and removed, and nothing else. No DDL (CREATE,
-- ALTER, DROP, INDEX), no GRANT, no FILE, no PROCESS, no other database. A function that is taken
-- over can then spoil rows, but cannot drop tables, read other databases, write files on the host
-- or make itself another account.
--
-- Run as an administrator after schema.sql, with the password of the `db-password` secret in the
-- session variable @cacifo_password, so the password is in no file and not in the process list:
--
--   { printf "SET @cacifo_password = '%s';\n" "$(cat /path/to/db-password)"; cat db/grants.sql; } | mariadb -u root
--
-- (the devstack does the same over JDBC: io.cacifo.devstack.db.DevDatabase). A missing or short
-- password (under 16 characters) makes the first statement a syntax error near 'NULL', so no
-- account is ever made without a proper password. Idempotent: running it again resets the password
-- and takes away anything else granted meanwhile. The database name is the functions' default
-- db_name, cacifo.

EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ''cacifo''@''%'' IDENTIFIED BY ',
    IF(LENGTH(@cacifo_password) >= 16, QUOTE(@cacifo_password), 'NULL'));
EXECUTE IMMEDIATE CONCAT('ALTER USER ''cacifo''@''%'' IDENTIFIED BY ',
    IF(LENGTH(@cacifo_password) >= 16, QUOTE(@cacifo_password), 'NULL'));

REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'cacifo'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON cacifo.* TO 'cacifo'@'%';
