#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data directory (the official image
# executes or sources every *.sh in /docker-entrypoint-initdb.d). Later password changes in .env do
# not reach existing roles: change them with ALTER ROLE, or start from an empty volume.
#
# Creates one login role per application, each owning its databases:
#   oxidly    -> oxidly                           (the app runs Flyway itself)
#   temporal  -> temporal, temporal_visibility    (schemas set up by the temporal-schema job)
#
# Written to work when sourced as well: no `set -u`, no `exit`.
set -e

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  -v oxidly_password="${OXIDLY_DB_PASSWORD:?OXIDLY_DB_PASSWORD is not set}" \
  -v temporal_password="${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is not set}" <<-'EOSQL'
	CREATE ROLE oxidly LOGIN PASSWORD :'oxidly_password';
	CREATE DATABASE oxidly OWNER oxidly;
	REVOKE ALL ON DATABASE oxidly FROM PUBLIC;

	CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
	CREATE DATABASE temporal OWNER temporal;
	CREATE DATABASE temporal_visibility OWNER temporal;
	REVOKE ALL ON DATABASE temporal FROM PUBLIC;
	REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
EOSQL
