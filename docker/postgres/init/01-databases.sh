#!/usr/bin/env bash
# First start of the postgres image (docker-entrypoint-initdb.d): one database per PostgreSQL
# service, owned by one application role, as on Aurora (docs/architecture.md: the gateway connects
# to each service's own database with the same credentials). Safe to run twice.
# Settings: APP_DB_USER, APP_DB_PASSWORD, APP_DATABASES (space-separated); the connection comes
# from the image's POSTGRES_USER/POSTGRES_DB and psql's usual PG* variables (tools/checks/deploy).
set -euo pipefail

app_user="${APP_DB_USER:-polystore}"
app_password="${APP_DB_PASSWORD:-polystore}"
read -r -a databases <<<"${APP_DATABASES:-accounts messenger}"

psql_admin() {
  psql -v ON_ERROR_STOP=1 -X -q --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" "$@"
}

# format() quotes names (%I) and the password (%L); \gexec runs the statement only when it is needed.
psql_admin -v user="$app_user" -v password="$app_password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SQL

for db in "${databases[@]}"; do
  # The owner may create its schema objects: on PostgreSQL 15+ public belongs to the database owner.
  psql_admin -v user="$app_user" -v db="$db" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
  echo "01-databases: database $db owned by $app_user"
done
