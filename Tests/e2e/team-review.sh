#!/usr/bin/env bash
# End-to-end test of team review (SPEC §11): a throwaway PostgreSQL cluster, `exhibit
# serve` on it, and two review screens in a private tmux server, alice's and bob's, each
# on its own copy of a small case (same case.toml id, so one container). Alice annotates
# a passage and marks it reviewed; bob's screen must show both within 2 s. Then a local
# annotations.jsonl is pushed and pulled into an empty copy. Prints the time each change
# took to appear on the other screen, then "N passed, N failed"; exits non-zero on
# failure. Skips (exit 0) when PostgreSQL or tmux is missing.
#
# Usage: Tests/e2e/team-review.sh [path/to/exhibit]
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-${EXHIBIT_BIN:-}}
PGBIN=""
for d in /usr/lib/postgresql/*/bin $(printf '%s' "$PATH" | tr ':' ' '); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then PGBIN=$d; break; fi
done
if [ -z "$PGBIN" ]; then
    echo "skip - PostgreSQL is not installed (no initdb/pg_ctl; .ci/run installs Debian's postgresql)"
    echo "0 passed, 0 failed"
    exit 0
fi
command -v tmux >/dev/null || { echo "skip - tmux is missing"; echo "0 passed, 0 failed"; exit 0; }
if [ -z "$BIN" ]; then
    (cd "$ROOT" && nice -n 10 swift build --product exhibit >/dev/null) || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
    BIN="$(cd "$ROOT" && swift build --show-bin-path)/exhibit"
fi

SOCK="exhibit-team-$$"
TMP=$(mktemp -d)
chmod 755 "$TMP"
AS=()
[ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
SERVER_PID=""
cleanup() {
    end_tmux
    [ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$TMP"
}
trap cleanup EXIT

passed=0
failed=0
. "$(dirname "$0")/lib.sh"
export EXHIBIT_THEMES="$ROOT/Themes"

# ---------------------------------------------------------------- database and server
mkdir "$TMP/pg"
[ "$(id -u)" = 0 ] && chown postgres "$TMP/pg"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${AS[@]}" "$PGBIN/initdb" -D "$TMP/pg/data" -U exhibit --auth=trust -E UTF8 --locale=C --no-sync >"$TMP/initdb.log" 2>&1 \
    || { not_ok "initdb" "$(cat "$TMP/initdb.log")"; echo "$passed passed, $failed failed"; exit 1; }
"${AS[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg/data" -l "$TMP/pg/log" -w -o "-p $PGPORT -k $TMP/pg -c listen_addresses=127.0.0.1" start >/dev/null \
    || { not_ok "pg_ctl start" "$(cat "$TMP/pg/log")"; echo "$passed passed, $failed failed"; exit 1; }
psql -X -q -h 127.0.0.1 -p "$PGPORT" -U exhibit -d postgres -c "CREATE DATABASE team" >/dev/null
DB="postgres://exhibit@127.0.0.1:$PGPORT/team"
"$BIN" serve user add alice --role reviewer --db "$DB" | tail -1 >"$TMP/alice.token"
"$BIN" serve user add bob --role lead --db "$DB" | tail -1 >"$TMP/bob.token"
[ -s "$TMP/alice.token" ] && [ -s "$TMP/bob.token" ] && ok "users added, tokens written" || not_ok "user add"
"$BIN" serve --db "$DB" --listen 127.0.0.1:0 >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 1 300); do
    URL=$(grep -o 'listening on http://[0-9.:]*' "$TMP/serve.log" | head -1 | sed 's/listening on //')
    [ -n "$URL" ] && break
    sleep 0.1
done
[ -n "$URL" ] && ok "exhibit serve listens on $URL" || not_ok "exhibit serve starts" "$(cat "$TMP/serve.log")"

# ---------------------------------------------------------------- the case, twice
WORK="It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it was the season of Darkness."
OUTPUT="Asked for a novel opening, the model wrote: it was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief. Then it stopped."
for who in alice bob; do
    mkdir -p "$TMP/$who/works" "$TMP/$who/outputs"
    printf 'id = "team-e2e"\ntitle = "Team review"\n' >"$TMP/$who/case.toml"
    printf '%s\n' "$WORK" >"$TMP/$who/works/dickens.txt"
    printf '%s\n' "$OUTPUT" >"$TMP/$who/outputs/run1.txt"
done

start() { # NAME USER
    local cmd="env -u NO_COLOR TERM=tmux-256color LC_ALL=C.UTF-8 EXHIBIT_USER=$2 SWIFT_BACKTRACE=interactive=no '$BIN' '$TMP/$2' --server '$URL' --token-file '$TMP/$2.token'"
    cmd+="; echo EXIT=\$?; sleep 600"
    if T has-session 2>/dev/null; then
        T new-session -d -s "$1" -x 120 -y 40 "$cmd"
    else
        T -f /dev/null new-session -d -s "$1" -x 120 -y 40 "$cmd"
    fi
}
type_text() { T send-keys -t "$1" -l -- "$2"; }

start one alice
start two bob
for s in one two; do
    if wait_for $s "[ready]" 60; then ok "screen $s scanned"; else not_ok "screen $s scans" "$(screen $s)"; fi
done

# Bob watches the annotations list.
T send-keys -t two A
check "bob's annotations list opens empty" two "Annotations (0 of 0)" 5

# Alice annotates the passage.
T send-keys -t one Tab
check "alice: Tab focuses the pairs table" one "▶ " 3
T send-keys -t one Enter
check "alice: Enter opens the pair" one "› pair" 10
T send-keys -t one a
check "alice: a opens the annotate dialog" one "─ Annotate ─" 3
T send-keys -t one Enter
type_text one "team note ✓"
T send-keys -t one Enter
t0=$(now_ms)
check "alice: saved" one "annotated output" 5
if wait_for two "team note ✓" 2; then
    ok "bob sees alice's annotation within 2 s ($(( $(now_ms) - t0 )) ms)"
else
    not_ok "bob sees alice's annotation within 2 s" "$(screen two)"
fi
screen two | grep -qF "alice" && ok "bob's list names alice" || not_ok "creator alice in bob's list" "$(screen two)"

# Alice marks the passage reviewed; bob has the review-status list open.
T send-keys -t two Escape
T send-keys -t two R
check "bob: R opens the review-status list" two "Review status" 5
check "bob: the passage is unreviewed" two "1 passages, 1 unreviewed" 3
T send-keys -t one R
check "alice: R lists the pair's passage" one "Review status · pair" 5
T send-keys -t one r
t1=$(now_ms)
check "alice: marked reviewed" one "reviewed    alice" 5
if wait_for two "reviewed    alice" 2; then
    ok "bob sees the status within 2 s ($(( $(now_ms) - t1 )) ms)"
else
    not_ok "bob sees the status within 2 s" "$(screen two)"
fi
check "bob: nothing left unreviewed" two "1 passages, 0 unreviewed" 2
check "alice: the pair view's passage line names the status" one "Passage 1/1 · reviewed by alice" 3
if screen two | grep -E "run1 .* ✓$" >/dev/null; then ok "bob: the pairs table marks the pair reviewed (✓)"; else not_ok "pairs table ✓" "$(screen two)"; fi
T send-keys -t two U
check "bob: U shows only the unreviewed" two "Every passage has a status." 3

T send-keys -t two U
check "bob: U again shows every passage" two "reviewed    alice" 3

# Offline: the server stops; alice's change waits, and goes out when it is back.
kill -KILL "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
T send-keys -t one F
check "alice: offline notice" one "offline: the review server does not answer; 1 change(s) kept here" 10
[ -s "$TMP/alice/annotations.unsent.jsonl" ] && ok "alice's change is kept in annotations.unsent.jsonl" || not_ok "unsent queue file"
PORT=${URL##*:}
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" >>"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
check "alice: back online" one "back online" 30
check "bob: sees the flag" two "flagged     alice" 5
[ ! -e "$TMP/alice/annotations.unsent.jsonl" ] && ok "alice's queue is sent and emptied" || not_ok "queue emptied"

for s in one two; do
    T send-keys -t $s Escape Escape q
    check "screen $s quits with 0" $s "EXIT=0" 10
done

# ---------------------------------------------------------------- push and pull
mkdir -p "$TMP/local/works" "$TMP/local/outputs" "$TMP/empty/works" "$TMP/empty/outputs"
for c in local empty; do
    printf 'id = "pushed"\n' >"$TMP/$c/case.toml"
    printf '%s\n' "$WORK" >"$TMP/$c/works/dickens.txt"
    printf '%s\n' "$OUTPUT" >"$TMP/$c/outputs/run1.txt"
done
"$BIN" annotate "$TMP/local" --source works/dickens.txt --start 0 --end 26 --tag key-passage --note "local note" >/dev/null 2>&1 \
    && ok "a local annotation" || not_ok "exhibit annotate"
out=$("$BIN" annotations push "$TMP/local" --server "$URL" --token-file "$TMP/alice.token" 2>&1)
printf '%s' "$out" | grep -qF "1 sent, 0 already there" && ok "push sends it" || not_ok "push" "$out"
out=$("$BIN" annotations push "$TMP/local" --server "$URL" --token-file "$TMP/alice.token" 2>&1)
printf '%s' "$out" | grep -qF "0 sent, 1 already there" && ok "pushing again sends nothing" || not_ok "push again" "$out"
out=$("$BIN" annotations pull "$TMP/empty" --server "$URL" --token-file "$TMP/bob.token" 2>&1)
printf '%s' "$out" | grep -qF "1 new records" && ok "pull into an empty case" || not_ok "pull" "$out"
out=$("$BIN" annotations "$TMP/empty" 2>&1)
printf '%s' "$out" | grep -qF "local note" && ok "the pulled case lists the note" || not_ok "pulled listing" "$out"
out=$("$BIN" annotations pull "$TMP/empty" --server "$URL" --token-file "$TMP/bob.token" 2>&1)
printf '%s' "$out" | grep -qF "0 new records, 1 already here" && ok "pulling again adds nothing" || not_ok "pull again" "$out"
out=$("$BIN" serve verify --db "$DB" 2>&1)
printf '%s' "$out" | grep -qF "chain verified" && ok "the audit chain verifies" || not_ok "verify" "$out"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
