#!/usr/bin/env bash
# A private Virtuoso Open-Source server for kgbuild (Debian package virtuoso-opensource).
#
#   scripts/virtuoso.sh start    start it (idempotent); returns once /sparql answers
#   scripts/virtuoso.sh stop     checkpoint and stop it (idempotent)
#   scripts/virtuoso.sh status   exit 0 running and answering, 1 process alive but HTTP
#                                not answering, 3 not running
#   scripts/virtuoso.sh url      print the HTTP base URL (for `--store virtuoso:URL`)
#   scripts/virtuoso.sh isql ... run isql-vt against it (e.g. isql 'EXEC=checkpoint;')
#
# Everything lives in $KG_VIRTUOSO_DIR (default: build/virtuoso in the project): the
# generated virtuoso.ini, the database in db/, its log db/virtuoso.log. Both listeners
# bind 127.0.0.1 only. Settings (environment, read at `start`, which records them in
# $KG_VIRTUOSO_DIR/instance.env for the other commands and the next start):
#   KG_VIRTUOSO_PORT=21111        SQL (isql) port       KG_VIRTUOSO_HTTP_PORT=28890
#   KG_VIRTUOSO_PASSWORD=dba      dba password, set when the database is created (later
#                                 starts keep the recorded one)
#   KG_VIRTUOSO_BUFFERS=170000    NumberOfBuffers (8 KB pages; MaxDirtyBuffers = 3/4)
#   KG_VIRTUOSO_START_TIMEOUT=120 seconds `start` waits for the HTTP endpoint (after a
#                                 crash, replaying the transaction log takes a while)
# The dba account (default password dba: the instance listens on loopback only) is
# the one that may write: uploads go to /sparql-graph-crud-auth with HTTP digest auth;
# anonymous /sparql answers queries.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${KG_VIRTUOSO_DIR:-$root/build/virtuoso}
case "$dir" in /*) ;; *) dir=$PWD/$dir ;; esac  # the server runs in $dir/db
bin=${KG_VIRTUOSO_BIN:-$(command -v virtuoso-t || echo /usr/bin/virtuoso-t)}
isql_bin=${KG_VIRTUOSO_ISQL:-$(command -v isql-vt || echo /usr/bin/isql-vt)}

die() { echo "virtuoso.sh: error: $*" >&2; exit 1; }
note() { echo "virtuoso.sh: $*" >&2; }

# Settings. `start` records the ones it used in $dir/instance.env (mode 600): for the
# running instance they win over the environment; for a new `start` the environment
# wins for the ports, while the password stays the one the database was created with.
settings_of_instance() {
  sql_port=${KG_VIRTUOSO_PORT:-21111}
  http_port=${KG_VIRTUOSO_HTTP_PORT:-28890}
  password=${KG_VIRTUOSO_PASSWORD:-dba}
  # shellcheck disable=SC1091
  if [ -f "$dir/instance.env" ]; then . "$dir/instance.env"; fi
}
settings_for_start() {
  sql_port=21111 http_port=28890 password=""
  # shellcheck disable=SC1091
  if [ -f "$dir/instance.env" ]; then . "$dir/instance.env"; fi
  sql_port=${KG_VIRTUOSO_PORT:-$sql_port}
  http_port=${KG_VIRTUOSO_HTTP_PORT:-$http_port}
  if [ -z "$password" ] || [ ! -f "$dir/db/virtuoso.db" ]; then
    password=${KG_VIRTUOSO_PASSWORD:-dba}
  fi
}

pid_of() {  # prints the server's pid when its process is alive (zombies count as dead)
  local pid=""
  [ -f "$dir/db/virtuoso.lck" ] && pid=$(sed -n 's/^VIRT_PID=//p' "$dir/db/virtuoso.lck")
  [ -z "$pid" ] && [ -f "$dir/virtuoso.pid" ] && pid=$(cat "$dir/virtuoso.pid")
  [ -n "$pid" ] || return 1
  [ -r "/proc/$pid/stat" ] || return 1
  local state comm
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo Z)
  [ "$comm" = "virtuoso-t" ] && [ "$state" != "Z" ] || return 1
  echo "$pid"
}

answers() {  # the SPARQL endpoint answers a trivial query
  local code
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' \
    "http://127.0.0.1:$http_port/sparql?query=ASK%20%7B%7D" 2>/dev/null || true)
  [ "$code" = "200" ]
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

isql() { "$isql_bin" "127.0.0.1:$sql_port" dba "$password" "$@"; }

cmd_start() {
  [ -x "$bin" ] || die "virtuoso-t not found (install the Debian package virtuoso-opensource: scripts/install-deps.sh)"
  local timeout=${KG_VIRTUOSO_START_TIMEOUT:-120} pid
  if pid=$(pid_of); then
    settings_of_instance
    if answers; then note "already running (pid $pid) at http://127.0.0.1:$http_port"; return 0; fi
  else
    settings_for_start
    for p in "$sql_port" "$http_port"; do
      port_busy "$p" && die "port 127.0.0.1:$p is in use by another program; set KG_VIRTUOSO_PORT / KG_VIRTUOSO_HTTP_PORT"
    done
    local buffers=${KG_VIRTUOSO_BUFFERS:-170000}
    mkdir -p "$dir/db" "$dir/vsp"
    rm -f "$dir/db/virtuoso.lck"  # stale: its process is gone
    sed -e "s#@DIR@#$dir#g" -e "s#@SQL_PORT@#$sql_port#g" -e "s#@HTTP_PORT@#$http_port#g" \
        -e "s#@BUFFERS@#$buffers#g" -e "s#@DIRTY_BUFFERS@#$((buffers * 3 / 4))#g" \
        -e "s#@MAX_ROWS@#${KG_VIRTUOSO_MAX_ROWS:-10000000}#g" \
        "$root/scripts/virtuoso.ini.in" > "$dir/virtuoso.ini"
    local fresh=0
    [ -f "$dir/db/virtuoso.db" ] || fresh=1
    # Foreground mode under setsid: we know the pid, and the server outlives this shell.
    (cd "$dir/db" && exec setsid "$bin" +foreground +configfile "$dir/virtuoso.ini" \
        </dev/null >"$dir/db/stdout.log" 2>&1) &
    pid=$!
    echo "$pid" > "$dir/virtuoso.pid"
  fi
  local waited=0
  until answers; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ]; then
      tail -n 15 "$dir/db/virtuoso.log" "$dir/db/stdout.log" >&2 2>/dev/null || true
      die "virtuoso-t exited during start-up (log: $dir/db/virtuoso.log)"
    fi
    if [ "$waited" -ge $((timeout * 2)) ]; then
      tail -n 15 "$dir/db/virtuoso.log" >&2 2>/dev/null || true
      die "http://127.0.0.1:$http_port/sparql did not answer within ${timeout}s (server pid $pid left running; 'stop' ends it)"
    fi
    sleep 0.5; waited=$((waited + 1))
  done
  if [ "${fresh:-0}" = 1 ] && [ "$password" != "dba" ]; then
    "$isql_bin" "127.0.0.1:$sql_port" dba dba "EXEC=SET PASSWORD dba \"$password\";" >/dev/null \
      || die "could not set the dba password"
  fi
  (umask 077 && printf 'sql_port=%s\nhttp_port=%s\npassword=%q\n' "$sql_port" "$http_port" \
    "$password" > "$dir/instance.env")
  note "running (pid $pid) at http://127.0.0.1:$http_port (data in $dir)"
}

cmd_stop() {
  settings_of_instance
  local pid
  if ! pid=$(pid_of); then note "not running"; rm -f "$dir/virtuoso.pid"; return 0; fi
  # isql -K: checkpoint, then shut down cleanly; signals only if that does not work.
  timeout 30 "$isql_bin" "127.0.0.1:$sql_port" dba "$password" -K >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 60); do pid_of >/dev/null || break; sleep 0.5; done
  if pid_of >/dev/null; then
    note "no clean shutdown after 30 s; sending TERM to $pid"; kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 20); do pid_of >/dev/null || break; sleep 0.5; done
  fi
  if pid_of >/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
  pid_of >/dev/null && die "could not stop virtuoso-t (pid $pid)"
  rm -f "$dir/virtuoso.pid"
  note "stopped"
}

cmd_status() {
  settings_of_instance
  local pid
  if ! pid=$(pid_of); then echo "not running"; return 3; fi
  if answers; then echo "running (pid $pid) at http://127.0.0.1:$http_port"; return 0; fi
  echo "process $pid alive but http://127.0.0.1:$http_port/sparql does not answer"; return 1
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) settings_of_instance; echo "http://127.0.0.1:$http_port" ;;
  isql) shift; settings_of_instance; isql "$@" ;;
  *) echo "usage: $0 start|stop|status|url|isql [isql args...]" >&2; exit 2 ;;
esac
