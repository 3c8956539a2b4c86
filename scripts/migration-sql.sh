#!/usr/bin/env bash
# Writes the SQL that takes the database from the schema.prisma of a git revision (default HEAD) to the
# working tree's, using Prisma 6.19's offline WebAssembly engine (Prisma 7's CLI downloads an engine).
# Usage: scripts/migration-sql.sh <migration_name> [base-revision]
# It installs prisma@6.19 (with its pg adapter) once into .tools/prisma6 and writes prisma/migrations/<timestamp>_<name>/.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/migration-sql.sh <migration_name> [base-revision]}
base=${2:-HEAD}
tool=.tools/prisma6
if [ ! -x "$tool/node_modules/.bin/prisma" ]; then
  mkdir -p "$tool" && echo '{"private":true}' > "$tool/package.json"
  (cd "$tool" && npm install --no-audit --no-fund --silent prisma@6.19 @prisma/adapter-pg@6.19 pg >/dev/null)
fi
# Inside the tool folder, so the config below resolves Prisma 6's packages.
work=$(mktemp -d -p "$tool")
# The WebAssembly schema engine (engine: 'js') is the one that runs offline; it opens a connection to
# some PostgreSQL (MIGRATION_DIFF_URL, default the local server) but reads and writes nothing there.
export MIGRATION_DIFF_URL=${MIGRATION_DIFF_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
cat > "$work/prisma.config.ts" <<'CONFIG'
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'to.prisma',
  async adapter() { return new PrismaPg({ connectionString: process.env.MIGRATION_DIFF_URL }); },
} as never);
CONFIG
trap 'rm -rf "$work"' EXIT
# Prisma 6 wants the classic generator and a datasource URL; the generators are irrelevant to the diff.
to_prisma6() {
  python3 -c '
import re, sys
s = sys.stdin.read()
s = re.sub(r"generator \w+ \{[^}]*\}\n", "", s)
s = s.replace("provider = \"postgresql\"\n}", "provider = \"postgresql\"\n  url = \"postgresql://localhost/unused\"\n}", 1)
print(s)'
}
git show "$base:prisma/schema.prisma" | to_prisma6 > "$work/from.prisma"
to_prisma6 < prisma/schema.prisma > "$work/to.prisma"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
prisma6=$(realpath "$tool/node_modules/.bin/prisma")
# Run from the scratch folder, so Prisma 6 does not pick up the project's Prisma 7 config.
sql=$(cd "$work" && PRISMA_QUERY_ENGINE_LIBRARY=/usr/bin/true PRISMA_SCHEMA_ENGINE_BINARY=/usr/bin/true \
  PRISMA_HIDE_UPDATE_MESSAGE=1 "$prisma6" migrate diff --from-schema-datamodel from.prisma \
  --to-schema-datamodel to.prisma --script)
if [ -z "$sql" ]; then echo "no difference from $base: nothing written" >&2; exit 1; fi
mkdir -p "$dir"
printf '%s\n' "$sql" > "$dir/migration.sql"
echo "wrote $dir/migration.sql"
