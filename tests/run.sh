#!/usr/bin/env bash
# Every test: unit and integration tests on the embedded database, the integration tests again
# on the PostgreSQL server named by TEST_DATABASE_URL (when set), then the browser tests, then
# the fault tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Types and lint"
npm run -s check
npm run -s lint

echo "== Unit and integration tests (embedded PGlite)"
env -u TEST_DATABASE_URL npx vitest run

if [ -n "${TEST_DATABASE_URL:-}" ]; then
	echo "== Integration tests on PostgreSQL (${TEST_DATABASE_URL%%@*}@…)"
	npx vitest run tests/integration
else
	echo "== TEST_DATABASE_URL is not set: the PostgreSQL run of the integration tests is left out"
fi

echo "== Browser tests (Chromium)"
E2E_FULL=1 npx playwright test

# After the browser tests, whose server built the app from this tree: the fault tests run that
# build (node server.js) on PostgreSQL servers of their own, which they stop, start and kill.
echo "== Fault tests (database restarted, app killed, client offline too long)"
npx vitest run --config vitest.fault.config.ts
