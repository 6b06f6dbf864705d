#!/usr/bin/env bash
# Throughput of annotation writes on `exhibit serve`: a throwaway PostgreSQL cluster
# (initdb + pg_ctl, default fsync and synchronous_commit), one server, and wrk with 10
# connections POSTing new annotations for DURATION seconds. Prints wrk's report and the
# number of events the database holds afterwards (every 201 is one committed event).
#
# Usage: Benchmarks/team-review/load.sh [path/to/exhibit] [DURATION_S]
#   (build it first: swift build -c release --product exhibit)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../../.build/release/exhibit}
DURATION=${2:-10}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -r | head -1)
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }

TMP=$(mktemp -d); chmod 755 "$TMP"
AS=(); [ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT
mkdir "$TMP/pg"; [ "$(id -u)" = 0 ] && chown postgres "$TMP/pg"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${AS[@]}" "$PGBIN/initdb" -D "$TMP/pg/data" -U exhibit --auth=trust -E UTF8 --locale=C >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg/data" -l "$TMP/pg/log" -w -o "-p $PGPORT -k $TMP/pg -c listen_addresses=127.0.0.1" start >/dev/null
psql -X -q -h 127.0.0.1 -p "$PGPORT" -U exhibit -d postgres -c "CREATE DATABASE bench"
DB="postgres://exhibit@127.0.0.1:$PGPORT/bench"
export EXHIBIT_TOKEN=$("$BIN" serve user add bench --role reviewer --db "$DB" | tail -1)
"$BIN" serve --db "$DB" --listen 127.0.0.1:0 >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 1 300); do
    URL=$(grep -o 'listening on http://[0-9.:]*' "$TMP/serve.log" | head -1 | sed 's/listening on //') && [ -n "$URL" ] && break
    sleep 0.1
done
wrk -t2 -c10 -d"${DURATION}s" -s "$HERE/post.lua" "$URL/cases/bench/annotations/"
echo "events in the database: $(psql -X -A -t -h 127.0.0.1 -p "$PGPORT" -U exhibit -d bench -c 'SELECT count(*) FROM exhibit_events')"
"$BIN" serve verify --db "$DB"
