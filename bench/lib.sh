# Helpers for the bench/ scripts (sourced, not run): packages, a free port, CPU counters, the
# benchmarked statements, a throwaway PostgreSQL.

# Installs a Debian package (as root, or with sudo), updating the package lists if needed.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing $1"
  $sudo apt-get install -y -q "$1" >/dev/null \
    || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "$1" >/dev/null; }
}

# Installs a package when its command is missing.
need() { command -v "$1" >/dev/null || apt_install "$2"; }

# A free loopback port (bash only: probes with /dev/tcp until nothing answers).
free_port() {
  local port
  while :; do
    port=$((40000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# CPU ticks (1/CLK_TCK s) the given processes have used so far (0 for none or gone ones).
process_ticks() {
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# CPU ticks all CPUs of the machine have been busy so far (user, nice, system, irq, softirq).
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }

# --- the benchmarked statements ------------------------------------------------------------
# bench/plans.sql with ENGINE's pieces filled in ({agg}, {arr}, {user}, {hold}: see its header).
plans_sql() {
  local open="FROM holds WHERE order_id = o.id AND released_at IS NULL ORDER BY id DESC LIMIT 1"
  awk -v engine="$1" \
    -v hold_sqlite="LEFT JOIN holds h ON h.id = (SELECT id $open)" \
    -v hold_postgres="LEFT JOIN LATERAL (SELECT id, reason, note, placed_at $open) h ON TRUE" '
    {
      gsub(/\{agg\}/, engine == "sqlite" ? "json_group_array" : "json_agg")
      gsub(/\{arr\}/, engine == "sqlite" ? "json_array" : "json_build_array")
      gsub(/\{user\}/, engine == "sqlite" ? "u.id = e.actor_id" : "CAST(u.id AS TEXT) = e.actor_id")
      gsub(/\{hold\}/, engine == "sqlite" ? hold_sqlite : hold_postgres)
      print
    }' bench/plans.sql
}

# "SESSION_ID ORDER_ID" of the first verified session whose order has shipped, in the
# PostgreSQL database at URL: every part of the status page's statement finds rows for it.
pg_sample_viewer() {
  psql -X -qtA "$1" -c "SELECT so.session_id, so.order_id
    FROM session_orders so JOIN fulfilments f ON f.order_id = so.order_id
    WHERE so.access = 'verified' ORDER BY so.session_id LIMIT 1" | tr '|' ' '
}

# --- a throwaway PostgreSQL cluster, as scripts/test.sh starts it -------------------------
# Unlike the test cluster it keeps fsync on: the cancellations write, and their cost counts.
pg_bin=""
pg_dir=""
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Sets pg_bin to the newest installed PostgreSQL server's binaries, installing it if missing.
pg_find_bin() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  if [ -z "$pg_bin" ]; then
    apt_install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  fi
  need psql postgresql-client
}

# Starts a cluster under a temp dir on a free port; sets PG_URL.
pg_start() {
  pg_find_bin
  pg_dir=$(mktemp -d)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
  local port
  port=$(free_port)
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U portal >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log"; return 1; }
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null \
    || { cat "$pg_dir/server.log"; return 1; }
  PG_URL="postgres://portal@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $port"
}

pg_stop() {
  [ -n "$pg_dir" ] || return 0
  [ -f "$pg_dir/data/postmaster.pid" ] \
    && as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1
  rm -rf "$pg_dir"
  pg_dir=""
}

# Waits up to 60 s for the portal to answer /readyz.
wait_ready() {
  local url="$1" pid="$2"
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$url/readyz" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the portal exited while starting" >&2; return 1; }
    sleep 0.1
  done
  echo "the portal did not become ready" >&2
  return 1
}
