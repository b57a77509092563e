#!/usr/bin/env bash
# Adds MariaDB (deploy/faasd/mariadb.yaml) and the cron-connector (deploy/faasd/cron-connector.yaml)
# to faasd on the Pi: puts the schema, the account script, db/grants.sql, the config and the password
# files under /var/lib/faasd/mariadb, appends the two services to /var/lib/faasd/docker-compose.yaml
# (add-to-faasd-compose.sh: once, keeping a dated copy) and restarts faasd. Run as root from the
# repository's folder:
#
#   sudo deploy/scripts/install-mariadb-faasd.sh ~/cacifo-secrets/db-password
#
# The argument is the db-password secret's file; MariaDB gets its own copy, readable by its user
# (999) only, and a random root password of its own that nothing prints. --no-restart leaves the
# restart of faasd to you; FAASD_DIR points at another faasd folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

restart=yes
if [ "${1:-}" = --no-restart ]; then
  restart=no
  shift
fi
password_file=${1:?usage: sudo deploy/scripts/install-mariadb-faasd.sh [--no-restart] DB_PASSWORD_FILE}
faasd=${FAASD_DIR:-/var/lib/faasd}
compose="$faasd/docker-compose.yaml"
export FAASD_DIR=$faasd
# The mysql user of the official MariaDB image, which the compose service runs as.
mysql_uid=999

die() { echo "install-mariadb-faasd: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run it as root (sudo)"
[ -f "$compose" ] || die "no $compose: install faasd first (docs/install-pi.md, step 2)"
[ -s "$password_file" ] || die "$password_file is missing or empty"

# put REPO_FILE PI_FILE MODE: a repository file in place, owned by root, readable by MariaDB's user.
put() {
  install -D -m "$3" "$1" "$2"
}
put db/schema.sql "$faasd/mariadb/initdb/10-schema.sql" 0444
put deploy/faasd/mariadb/20-cacifo-user.sh "$faasd/mariadb/initdb/20-cacifo-user.sh" 0444
put db/grants.sql "$faasd/mariadb/grants.sql" 0444
put deploy/faasd/mariadb/cacifo.cnf "$faasd/mariadb/conf.d/cacifo.cnf" 0444

install -d -m 0750 -o "$mysql_uid" -g "$mysql_uid" "$faasd/mariadb/data"
install -d -m 0700 -o "$mysql_uid" -g "$mysql_uid" "$faasd/mariadb/secrets"
install -m 0400 -o "$mysql_uid" -g "$mysql_uid" "$password_file" "$faasd/mariadb/secrets/db-password"
if [ ! -s "$faasd/mariadb/secrets/mariadb-root-password" ]; then
  (umask 077 && openssl rand -hex 32 > "$faasd/mariadb/secrets/mariadb-root-password")
fi
chown "$mysql_uid:$mysql_uid" "$faasd/mariadb/secrets/mariadb-root-password"
chmod 0400 "$faasd/mariadb/secrets/mariadb-root-password"

# The two services into faasd's compose file (restarting faasd unless --no-restart was given).
if [ "$restart" = yes ]; then
  deploy/scripts/add-to-faasd-compose.sh deploy/faasd/mariadb.yaml deploy/faasd/cron-connector.yaml
else
  deploy/scripts/add-to-faasd-compose.sh --no-restart deploy/faasd/mariadb.yaml deploy/faasd/cron-connector.yaml
fi
echo "install-mariadb-faasd: MariaDB makes its data and the cacifo account on its first start"
