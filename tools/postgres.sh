#!/usr/bin/env bash
# Start a local PostgreSQL on 127.0.0.1 for the `postgres`-marked tests and print the URL to export.
# Run as root on Debian: installs the `postgresql` package when missing, starts (or creates) a cluster,
# and creates a login role and database for the tests. Safe to run again: every step is idempotent.
#
#   eval "$(sudo tools/postgres.sh | tail -n 1)"     # exports CLOUDSTORE_TEST_PG_URL
set -euo pipefail

ROLE="${CLOUDSTORE_PG_ROLE:-cloudstore}"
PASSWORD="${CLOUDSTORE_PG_PASSWORD:-cloudstore}"
DATABASE="${CLOUDSTORE_PG_DATABASE:-cloudstore_test}"
PORT="${CLOUDSTORE_PG_PORT:-5432}"

log() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    log "must run as root (it installs packages and starts the server as the postgres user)"
    exit 1
fi

if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    log "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
fi

VERSION="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"
BIN="/usr/lib/postgresql/${VERSION}/bin"

if command -v pg_ctlcluster >/dev/null; then
    # Debian's wrapper: one cluster named "main" per version
    if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "${VERSION} main"; then
        log "creating cluster ${VERSION}/main on port ${PORT}"
        pg_createcluster "${VERSION}" main -p "${PORT}" >/dev/null
    fi
    PORT="$(pg_lsclusters -h | awk -v v="${VERSION}" '$1 == v && $2 == "main" {print $3}')"
    STATUS="$(pg_lsclusters -h | awk -v v="${VERSION}" '$1 == v && $2 == "main" {print $4}')"
    if [ "${STATUS}" != "online" ]; then
        log "starting cluster ${VERSION}/main on 127.0.0.1:${PORT}"
        pg_ctlcluster "${VERSION}" main start -o "-c listen_addresses=127.0.0.1"
    fi
    SOCKET_DIR=/var/run/postgresql
else
    # plain pg_ctl, e.g. where postgresql-common is absent
    DATA=/var/lib/postgresql/cloudstore-test
    SOCKET_DIR=/tmp
    if [ ! -s "${DATA}/PG_VERSION" ]; then
        install -d -o postgres -g postgres "${DATA}"
        runuser -u postgres -- "${BIN}/initdb" -D "${DATA}" -A scram-sha-256 --pwfile=<(echo postgres) >/dev/null
    fi
    if ! runuser -u postgres -- "${BIN}/pg_ctl" -D "${DATA}" status >/dev/null 2>&1; then
        runuser -u postgres -- "${BIN}/pg_ctl" -D "${DATA}" -l "${DATA}/server.log" -w start \
            -o "-c listen_addresses=127.0.0.1 -p ${PORT} -k ${SOCKET_DIR}"
    fi
fi

for _ in $(seq 1 30); do
    if "${BIN}/pg_isready" -q -h 127.0.0.1 -p "${PORT}"; then break; fi
    sleep 0.5
done
"${BIN}/pg_isready" -q -h 127.0.0.1 -p "${PORT}" || { log "server did not become ready"; exit 1; }

psql_admin() {
    runuser -u postgres -- "${BIN}/psql" -h "${SOCKET_DIR}" -p "${PORT}" -X -q -v ON_ERROR_STOP=1 "$@"
}

psql_admin -d postgres -v role="${ROLE}" -v pw="${PASSWORD}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'pw')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'pw') \gexec
SQL
psql_admin -d postgres -v role="${ROLE}" -v db="${DATABASE}" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

log "PostgreSQL ${VERSION} ready on 127.0.0.1:${PORT}, database ${DATABASE}, role ${ROLE}"
echo "export CLOUDSTORE_TEST_PG_URL=postgresql+psycopg://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/${DATABASE}"
