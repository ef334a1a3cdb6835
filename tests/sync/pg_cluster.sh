#!/usr/bin/env bash
# pg_cluster.sh — runs one command against a throwaway PostgreSQL server: a cluster made
# with initdb in a temporary directory, listening only on a Unix socket in that
# directory, stopped and removed when the command ends (whatever it exits with). The
# command finds the database in PCSYNC_DB (a postgresql:// URI). Tests labelled
# `postgres` run through it, each with its own cluster, so they run in parallel.
#
# PostgreSQL refuses to run as root, and CI runs the tests as root: then the cluster
# belongs to an unprivileged user (`postgres`, made by Debian's postgresql package, else
# `nobody`) and initdb/pg_ctl run as that user through runuser; the test itself stays
# root and reaches the socket through the directory. As another user it all runs as
# that user. The server binaries come from `pg_config --bindir`, else the newest
# /usr/lib/postgresql/*/bin. Without them the test is skipped (exit 77) with a message:
# scripts/setup.sh installs `postgresql`.
#
# fsync is off (a test cluster) unless PCSYNC_PG_FSYNC=on (the bench: durable commits
# as in production). Usage: pg_cluster.sh COMMAND [ARGS…]
set -u
bindir=$(pg_config --bindir 2>/dev/null || true)
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "pg_cluster: no PostgreSQL server binaries (apt-get install postgresql); skipped"
  exit 77
fi

dir=$(mktemp -d /tmp/pcsync-pg-XXXXXX) || exit 1
as=()
if [ "$(id -u)" -eq 0 ]; then
  user=postgres
  id -u "$user" >/dev/null 2>&1 || user=nobody
  chown "$user" "$dir" || exit 1
  as=(runuser -u "$user" --)
fi
cleanup() {
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fsync=off
[ "${PCSYNC_PG_FSYNC:-off}" = on ] && fsync=on
if ! "${as[@]}" "$bindir/initdb" -D "$dir/data" -U pc --auth=trust --no-sync -E UTF8 \
       --locale=C >"$dir/initdb.log" 2>&1; then
  echo "pg_cluster: initdb failed:"; cat "$dir/initdb.log"; exit 1
fi
if ! "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
       -o "-c listen_addresses= -k $dir -p 5432 -c fsync=$fsync -c max_connections=200" \
       start >/dev/null; then
  echo "pg_cluster: the server did not start:"; cat "$dir/server.log"; exit 1
fi

export PCSYNC_DB="postgresql:///postgres?host=$dir&port=5432&user=pc"
"$@"
rc=$?
[ $rc -ne 0 ] && [ -n "${PCSYNC_VERBOSE:-}" ] && tail -n 20 "$dir/server.log"
exit $rc
