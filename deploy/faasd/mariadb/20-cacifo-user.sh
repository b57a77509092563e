# shellcheck shell=bash
# The functions' MariaDB account, made once on the first start with an empty data directory: the
# MariaDB image's entrypoint sources this file (it is not executable) after 10-schema.sql, and
# install-mariadb-host.sh sources it the same way for MariaDB on the Pi itself.
#
# It runs db/grants.sql (least privilege on the cacifo database) with the password of the
# db-password secret in the session variable @cacifo_password, read from a file and piped to the
# client: never in an environment variable, a command line or a log line. The account is made for
# faasd's bridge only ('cacifo'@'10.62.%'): the functions connect from their containers' addresses,
# never from 'localhost'. grants.sql names 'cacifo'@'%'; that host is replaced here, and the run
# fails if grants.sql stops naming it (so a change there cannot silently widen the account).
#
# Needs docker_process_sql (the entrypoint's: runs SQL from stdin as root). Settings, for
# install-mariadb-host.sh and the tests: CACIFO_DB_PASSWORD_FILE (/run/secrets/db-password),
# CACIFO_GRANTS_FILE (/etc/cacifo/grants.sql), CACIFO_DB_USER_HOST (10.62.%).
cacifo_password_file=${CACIFO_DB_PASSWORD_FILE:-/run/secrets/db-password}
cacifo_grants_file=${CACIFO_GRANTS_FILE:-/etc/cacifo/grants.sql}
cacifo_host=${CACIFO_DB_USER_HOST:-10.62.%}

cacifo_fail() {
  echo "20-cacifo-user.sh: $*" >&2
  exit 1
}

[ -r "$cacifo_password_file" ] || cacifo_fail "cannot read the password file $cacifo_password_file"
[ -r "$cacifo_grants_file" ] || cacifo_fail "cannot read $cacifo_grants_file"
cacifo_password=$(cat "$cacifo_password_file")
# A password that needs no SQL quoting (make-secrets.sh writes 64 hex digits).
case $cacifo_password in
  '' | *[!A-Za-z0-9._~+/=-]*) cacifo_fail "$cacifo_password_file must hold only A-Z a-z 0-9 . _ ~ + / = - (the value is not shown)" ;;
esac
case $cacifo_host in
  *[!0-9.%]* | '') cacifo_fail "CACIFO_DB_USER_HOST must be an address pattern such as 10.62.%" ;;
esac
cacifo_grants=$(sed -e "s/@'%'/@'$cacifo_host'/g" -e "s/@''%''/@''$cacifo_host''/g" "$cacifo_grants_file")
case $cacifo_grants in
  *"@'%'"* | *"@''%''"*) cacifo_fail "$cacifo_grants_file still names a host other than $cacifo_host" ;;
  *"@'$cacifo_host'"*) ;;
  *) cacifo_fail "$cacifo_grants_file no longer names 'cacifo'@'%'; update 20-cacifo-user.sh to match it" ;;
esac
printf "SET @cacifo_password = '%s';\n%s\nSET @cacifo_password = NULL;\n" "$cacifo_password" "$cacifo_grants" \
  | docker_process_sql
echo "20-cacifo-user.sh: account 'cacifo'@'$cacifo_host' ready"
unset cacifo_password cacifo_grants
