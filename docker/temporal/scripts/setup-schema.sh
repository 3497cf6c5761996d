#!/bin/sh
# Creates (if missing) and migrates Temporal's two PostgreSQL databases. Runs in
# temporalio/admin-tools before the server starts, on every `docker compose up`; safe to repeat:
# update-schema only applies versions the database does not have yet.
#
# Environment: POSTGRES_SEEDS (host), DB_PORT, POSTGRES_USER, SQL_PASSWORD (read by
# temporal-sql-tool), optional DB (plugin, default postgres12), DBNAME, VISIBILITY_DBNAME.
set -eu

plugin="${DB:-postgres12}"
host="${POSTGRES_SEEDS:?POSTGRES_SEEDS is not set}"
port="${DB_PORT:-5432}"
user="${POSTGRES_USER:?POSTGRES_USER is not set}"
schema_dir=/etc/temporal/schema/postgresql/v12

echo "Waiting for PostgreSQL at ${host}:${port}"
tries=0
until nc -z -w 2 "$host" "$port"; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "PostgreSQL at ${host}:${port} is not reachable" >&2
    exit 1
  fi
  sleep 2
done

sql_tool() {
  temporal-sql-tool --plugin "$plugin" --ep "$host" -p "$port" -u "$user" "$@"
}

setup() { # database, versioned schema directory
  # The databases normally exist already (docker/postgres-init creates them and the temporal role
  # needs no CREATEDB); create is only for an empty external server and may fail harmlessly.
  sql_tool --db "$1" create \
    || echo "temporal-sql-tool create $1 failed; assuming the database exists"
  # Version 0.0 marks an empty database as initialised; on an initialised one it is a no-op or an
  # error, either of which is fine because update-schema below is the step that must succeed.
  sql_tool --db "$1" setup-schema -v 0.0 \
    || echo "temporal-sql-tool setup-schema $1 skipped; assuming it is initialised"
  sql_tool --db "$1" update-schema -d "$2"
}

setup "${DBNAME:-temporal}" "$schema_dir/temporal/versioned"
setup "${VISIBILITY_DBNAME:-temporal_visibility}" "$schema_dir/visibility/versioned"
echo "Temporal schemas are up to date"
