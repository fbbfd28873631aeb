#!/usr/bin/env bash
# `make intake-demo`: the department's intake service on this machine, for trying `make run` kiosks
# against it. Starts a throwaway PostgreSQL cluster under /var/tmp (PostgreSQL refuses root and must
# traverse its directory's parents), runs init-db, registers the local demo kiosk (build/run-data),
# writes a kiosk config pointing at it, and serves on 127.0.0.1 until Ctrl-C, then removes the cluster.
# The staff inbox (issue 13) runs beside it on 127.0.0.1 with demo accounts whose passwords are
# printed; plain HTTP on loopback, so its config sets [web] secure_cookies = false (never elsewhere).
#   usage: scripts/intake-demo.sh [BUILD_DIR]
#   env: INTAKE_DEMO_PORT (default 8480), INTAKE_DEMO_WEB_PORT (the inbox, default 8490)
set -euo pipefail

BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
KIOSK=$BUILD/bin/kiosk
INTAKE=$BUILD/bin/kiosk-intake
RUN_DATA=${RUN_DATA:-$ROOT/$BUILD/run-data}
PORT=${INTAKE_DEMO_PORT:-8480}
WEB_PORT=${INTAKE_DEMO_WEB_PORT:-8490}
PG_BIN=/usr/lib/postgresql/15/bin
DEMO_DIR=$ROOT/$BUILD/intake-demo  # kiosk config and department keys (kept across runs)

for b in "$KIOSK" "$INTAKE"; do
  [ -x "$b" ] || { echo "intake-demo: $b is missing: run make intake-demo (it builds it)" >&2; exit 1; }
done
id postgres >/dev/null 2>&1 || { echo "intake-demo: no postgres user: install postgresql (scripts/deps-dev.sh)" >&2; exit 1; }
if [ "$(id -u)" -eq 0 ]; then AS_PG=(runuser -u postgres --); else AS_PG=(sudo -u postgres); fi

PGDIR=$(mktemp -d /var/tmp/kiosk-intake-demo.XXXXXX)
chown postgres: "$PGDIR" 2>/dev/null || sudo chown postgres: "$PGDIR"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR" 2>/dev/null || sudo rm -rf "$PGDIR"
}
trap cleanup EXIT
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null

# The department's key pair for the demo (the secret stays here, never on a kiosk's config).
mkdir -p "$DEMO_DIR"
[ -f "$DEMO_DIR/keys/department.public" ] || "$KIOSK" --new-department-keys "$DEMO_DIR/keys" >/dev/null
DEPT_PUBLIC=$(head -n1 "$DEMO_DIR/keys/department.public")
DEMO_PUBLIC=$(head -n1 assets/keys/demo-department-public-key.txt)
# The inbox opens records sealed to either key: the demo secret is public anyway (demo mode).
install -m 600 tests/support/demo-department.secret "$DEMO_DIR/keys/demo-department.secret"

cat > "$DEMO_DIR/intake.toml" <<TOML
# Written by scripts/intake-demo.sh: a throwaway cluster on 127.0.0.1:$PGPORT.
[database]
url = "postgresql://postgres@127.0.0.1:$PGPORT/postgres"
[server]
listen = "127.0.0.1:$PORT"
[keys]
accepted_public_keys = ["$DEPT_PUBLIC", "$DEMO_PUBLIC"]
department_secret_files = ["$DEMO_DIR/keys/department.secret", "$DEMO_DIR/keys/demo-department.secret"]
[web]
listen = "127.0.0.1:$WEB_PORT"
# Plain HTTP on loopback for this demo only: real deployments keep the default (true) behind TLS.
secure_cookies = false
TOML
"$INTAKE" --config "$DEMO_DIR/intake.toml" init-db

# Demo staff accounts, one per role, with fresh random passwords (printed below).
declare -A DEMO_PASSWORDS
for role in records programs admin; do
  pw=$(python3 -c 'import secrets; print(secrets.token_urlsafe(12))')
  printf '%s\n%s\n' "$pw" "$pw" | "$INTAKE" --config "$DEMO_DIR/intake.toml" add-user \
    --name "demo-$role" --role "$role" >/dev/null
  DEMO_PASSWORDS[$role]=$pw
done

STATUS=$("$KIOSK" --data-dir "$RUN_DATA" --status)
read -r KIOSK_ID KIOSK_KEY < <(python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["kiosk_id"], s["collector_public_key"])' <<<"$STATUS")
TOKEN=$("$INTAKE" --config "$DEMO_DIR/intake.toml" add-kiosk --name demo-kiosk --kiosk-id "$KIOSK_ID" \
          --public-key "$KIOSK_KEY" | tail -n1)

cat > "$DEMO_DIR/kiosk.toml" <<TOML
# Written by scripts/intake-demo.sh: the local kiosk uploading to the intake demo.
[upload]
endpoint = "http://127.0.0.1:$PORT"
token = "$TOKEN"
[privacy]
department_public_key = "$DEPT_PUBLIC"
TOML

cat <<MSG

intake-demo: kiosk-intake serving on http://127.0.0.1:$PORT (PostgreSQL in $PGDIR, removed at exit)
  registered kiosk: demo-kiosk ($KIOSK_ID, data dir $RUN_DATA)
  upload token:     $TOKEN
  kiosk config:     $DEMO_DIR/kiosk.toml   ([upload] endpoint + token, [privacy] department key)
  try it:           make run ARGS="--config $DEMO_DIR/kiosk.toml"
                    $KIOSK --data-dir $RUN_DATA --config $DEMO_DIR/kiosk.toml --sync-once
  department keys:  $DEMO_DIR/keys (the secret opens the records; only the inbox loads it)
  staff inbox:      http://127.0.0.1:$WEB_PORT  ([web] secure_cookies = false: plain HTTP, demo only)
                    demo-records / ${DEMO_PASSWORDS[records]}
                    demo-programs / ${DEMO_PASSWORDS[programs]}
                    demo-admin / ${DEMO_PASSWORDS[admin]}
Ctrl-C stops the service and the inbox and removes the cluster.

MSG
# In the background and waited for, so Ctrl-C or a TERM to this script stops it and the trap still
# removes the cluster.
"$INTAKE" --config "$DEMO_DIR/intake.toml" serve &
SERVE_PID=$!
"$INTAKE" --config "$DEMO_DIR/intake.toml" inbox &
INBOX_PID=$!
trap 'kill -TERM "$SERVE_PID" "$INBOX_PID" 2>/dev/null || true' INT TERM
wait "$SERVE_PID" || true
kill -TERM "$INBOX_PID" 2>/dev/null || true
wait "$INBOX_PID" 2>/dev/null || true
