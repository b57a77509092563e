#!/usr/bin/env bash
# The alternative to install-mariadb-faasd.sh: MariaDB installed on the Pi itself, listening on
# faasd's bridge address 10.62.0.1 only, with the same schema, account (for 10.62.% only) and
# sizing; the cron-connector is added to faasd as with the other way. Deploy the functions with
# DB_HOST=10.62.0.1 afterwards. Run as root from the repository:
#
#   sudo deploy/scripts/install-mariadb-host.sh ~/cacifo-secrets/db-password
#
# Administration stays on the unix socket (sudo mariadb). Safe to run again: the schema and the
# account script only add what is missing and reset the account's password and rights.
set -euo pipefail
cd "$(dirname "$0")/../.."

password_file=${1:?usage: sudo deploy/scripts/install-mariadb-host.sh DB_PASSWORD_FILE}
die() { echo "install-mariadb-host: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run it as root (sudo)"
[ -s "$password_file" ] || die "$password_file is missing or empty"

if ! command -v mariadbd > /dev/null && [ ! -x /usr/sbin/mariadbd ]; then
  apt-get update
  apt-get install -y mariadb-server
fi
install -m 0644 deploy/faasd/mariadb/cacifo.cnf /etc/mysql/mariadb.conf.d/60-cacifo.cnf
install -m 0644 deploy/host/61-cacifo-bind.cnf /etc/mysql/mariadb.conf.d/61-cacifo-bind.cnf
install -D -m 0644 deploy/host/mariadb-after-faasd.conf /etc/systemd/system/mariadb.service.d/cacifo.conf
systemctl daemon-reload
systemctl enable mariadb
systemctl restart mariadb

mariadb -e "CREATE DATABASE IF NOT EXISTS cacifo CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
mariadb --database=cacifo < db/schema.sql
# The same account script the compose service runs, with the client on the socket as root.
CACIFO_DB_PASSWORD_FILE=$password_file CACIFO_GRANTS_FILE=db/grants.sql \
  bash -c 'set -euo pipefail; docker_process_sql() { mariadb --database=cacifo; }; . deploy/faasd/mariadb/20-cacifo-user.sh'
deploy/scripts/add-to-faasd-compose.sh deploy/faasd/cron-connector.yaml
echo "install-mariadb-host: MariaDB listens on 10.62.0.1:3306; deploy with DB_HOST=10.62.0.1"
