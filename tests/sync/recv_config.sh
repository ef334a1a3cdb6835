#!/usr/bin/env bash
# recv_config.sh — the receiver's YAML configuration (sync/receiver/recv_config.h), as a
# technician writes it: every unknown key, bad value, repeated key, alias or second
# document is refused at start (exit 2) with the file, the line, the key and the
# reason, and nothing is served; a good file starts `receiver serve --config FILE`,
# which answers; a flag wins over the file; `init` and `list` take the file's db;
# a command that reads no configuration refuses --config. Under journald (JOURNAL_STREAM
# naming stderr, as systemd sets it) each line carries its priority: the refused file
# an error (<3>), a refused request a warning (<4>), serving information (<6>).
# Usage: recv_config.sh RECEIVER
set -u
recv=$1
tmp=$(mktemp -d)
rpid=""
cleanup() { [ -n "$rpid" ] && kill "$rpid" 2>/dev/null && wait "$rpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$tmp"

"$recv" keygen --id department --secret dept.key --public dept.keyring >/dev/null || fail "dept keygen"
"$recv" keygen --id hall1-k01 --secret kiosk.key --public kiosks.keyring >/dev/null || fail "kiosk keygen"

good() { # the lines of a good file, the db given as $1
    cat <<YAML
# the department's receiver
db: $1
kiosks: $tmp/kiosks.keyring
key: $tmp/dept.key
listen: 127.0.0.1
port: 0
store: $tmp/store
max_batch: 500
keep_days: 30
require_body_hash: false
YAML
}

# refused: the file's name, the line, the key (or what is wrong) and the reason
refused() { # name, expected words…; the file is bad.yaml
    local name=$1 out rc
    shift
    out=$("$recv" serve --config bad.yaml --port-file port 2>&1); rc=$?
    [ $rc -eq 2 ] || fail "$name: exit $rc, want 2: $out"
    for w in "$@"; do
        echo "$out" | grep -qF -- "$w" || fail "$name: \"$w\" not in: $out"
    done
    [ ! -e port ] || fail "$name: served anyway"
}
{ good "$tmp/intake.db"; echo "colour: blue"; } >bad.yaml
refused "unknown key" "bad.yaml:11: colour: unknown key"
{ good "$tmp/intake.db" | sed 's/^port: 0/port: 70000/'; } >bad.yaml
refused "port out of range" "bad.yaml:6: port: must be a whole number from 0 to 65535"
{ good "$tmp/intake.db" | sed 's/^port: 0/port: 80a/'; } >bad.yaml
refused "port not a number" "bad.yaml:6: port:" "whole number"
{ good "$tmp/intake.db" | sed 's/^max_batch: 500/max_batch: 0/'; } >bad.yaml
refused "a limit of 0" "bad.yaml:8: max_batch: must be a whole number from 1 to 1000"
{ good "$tmp/intake.db" | sed 's/^keep_days: 30/keep_days: -3/'; } >bad.yaml
refused "negative days" "bad.yaml:9: keep_days:"
{ good "$tmp/intake.db" | sed 's/^listen: .*/listen: everywhere/'; } >bad.yaml
refused "listen" "bad.yaml:5: listen: must be an IPv4 address"
{ good "$tmp/intake.db" | sed 's/^require_body_hash: false/require_body_hash: yes/'; } >bad.yaml
refused "bool" "bad.yaml:10: require_body_hash: must be true or false"
{ good "$tmp/intake.db"; echo "db: $tmp/other.db"; } >bad.yaml
refused "repeated key" "bad.yaml" "db"
{ good "$tmp/intake.db"; echo "desks: *k"; } | sed 's#^key: #key: \&k #' >bad.yaml
refused "alias" "bad.yaml" "alias"
{ good "$tmp/intake.db"; echo "---"; echo "port: 1"; } >bad.yaml
refused "second document" "bad.yaml" "more than one YAML document"
{ good "$tmp/intake.db"; echo "tls_cert: $tmp/receiver.crt"; } >bad.yaml
refused "cert without key" "bad.yaml" "tls_cert, tls_key: give both or neither"
{ good "$tmp/intake.db"; echo "db_connections: [1, 2]"; } >bad.yaml
refused "a list" "bad.yaml:11: db_connections:"
{ good "$tmp/intake.db"; echo "store:"; } >bad.yaml
refused "empty value" "bad.yaml" "store"
echo "- db: x" >bad.yaml
refused "not a mapping" "bad.yaml: the file must hold one mapping"
out=$("$recv" serve --config nowhere.yaml 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q nowhere.yaml || fail "missing file: rc $rc: $out"
out=$("$recv" keygen --config nowhere.yaml --secret x.key --public x.keyring 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "takes no --config" && [ ! -e x.key ] ||
    fail "keygen --config: rc $rc: $out"
# a file without the keys serve needs says which
echo "port: 0" >partial.yaml
out=$("$recv" serve --config partial.yaml 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "serve needs --db, --kiosks and --key" ||
    fail "partial config: rc $rc: $out"

# init and list take the file's db
good "$tmp/intake.db" >receiver.yaml
"$recv" init --config receiver.yaml >out 2>&1 || fail "init --config: $(cat out)"
[ -f intake.db ] || fail "init --config made no intake.db"
"$recv" list --config receiver.yaml >/dev/null 2>&1 || fail "list --config"

# serve from the file answers (its status page over HTTP); a flag wins over the file:
# the file's db does not exist, --db names the real one.
good "$tmp/missing.db" >receiver.yaml
"$recv" serve --config receiver.yaml --db "$tmp/intake.db" --port-file port 2>serve.log &
rpid=$!
for _ in $(seq 300); do [ -s port ] && break; sleep 0.1; done
[ -s port ] || fail "serve --config did not start: $(cat serve.log)"
grep -q "listening on port $(cat port)" serve.log || fail "no listening line: $(cat serve.log)"
if command -v curl >/dev/null; then
    code=$(curl -s -o page -w '%{http_code}' --max-time 10 "http://127.0.0.1:$(cat port)/console")
    [ "$code" = 200 ] || fail "GET /console answered $code"
fi
kill "$rpid"
wait "$rpid" || fail "serve ended with $? on SIGTERM"
rpid=""
[ ! -e missing.db ] || fail "the file's db was opened although --db was given"
# without the flag the file's (missing) db is refused
out=$("$recv" serve --config receiver.yaml 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "missing.db" || fail "file's db not used: rc $rc: $out"

# journald priorities: stderr to a file that JOURNAL_STREAM names (device:inode)
journal() { JOURNAL_STREAM=$(stat -c '%d:%i' "$1") "${@:2}" 2>>"$1"; }
: >j.log
journal j.log "$recv" serve --config bad.yaml
grep -q '^<3>receiver: bad.yaml: the file must hold one mapping' j.log || fail "no <3> line: $(cat j.log)"
: >j.log
rm -f port
JOURNAL_STREAM=$(stat -c '%d:%i' j.log) "$recv" serve --config receiver.yaml --db "$tmp/intake.db" \
    --port-file port 2>>j.log &
rpid=$!
for _ in $(seq 300); do [ -s port ] && break; sleep 0.1; done
[ -s port ] || fail "serve under journald did not start: $(cat j.log)"
if command -v curl >/dev/null; then
    curl -s -o /dev/null -X POST --data x --max-time 10 "http://127.0.0.1:$(cat port)/v1/submissions"
    for _ in $(seq 300); do grep -q '^<4>receiver: refused' j.log && break; sleep 0.1; done
    grep -q '^<4>receiver: refused' j.log || fail "a refused request is no <4> line: $(cat j.log)"
fi
kill "$rpid"
wait "$rpid"
rpid=""
grep -q '^<6>receiver: SQLite database, listening on port' j.log || fail "no <6> line: $(cat j.log)"
grep -q '^<6>receiver: stopping' j.log || fail "no <6> stopping line: $(cat j.log)"
if grep -v '^<[346]>' j.log | grep .; then fail "lines without a priority under journald"; fi
# without JOURNAL_STREAM, plain lines
grep -q '^receiver: bad.yaml' <("$recv" serve --config bad.yaml 2>&1) || fail "plain line"
echo "recv_config: ok"
