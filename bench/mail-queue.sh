#!/usr/bin/env bash
# A follow-up published in a municipality with many followers: the outbox filled in the
# publication's transaction, then sent over SMTP to aiosmtpd (issue 25). See
# bench/mail_queue.py.
#
#   bench/mail-queue.sh [FOLLOWERS] [SEND]     # defaults 100000 and 10000
#
# Measures target/release/lofte (built when missing or older than the sources), or
# $LOFTE_BIN as it is. Needs sqlite3 (installed from Debian when run as root) and the
# mail-check venv (aiosmtpd), made here when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
unset LOFTE_DATA_DIR LOFTE_DATABASE_URL LOFTE_SMTP_URL LOFTE_PUBLIC_URL
if [ -z "${LOFTE_BIN:-}" ]; then
  LOFTE_BIN=$ROOT/target/release/lofte
  if [ ! -x "$LOFTE_BIN" ] || [ -n "$(find "$ROOT/crates" -newer "$LOFTE_BIN" -name '*.rs' -print -quit)" ]; then
    cargo build --release --locked -p lofte --manifest-path "$ROOT/Cargo.toml"
  fi
fi
export LOFTE_BIN
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
venv=${LOFTE_MAIL_CHECK_VENV:-$HOME/.cache/lofte-mail-check/venv}
[ -x "$venv/bin/python" ] || {
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$ROOT/mail-check/requirements.txt"
  sha256sum "$ROOT/mail-check/requirements.txt" | cut -d' ' -f1 > "$venv/.requirements.sha256"
}
"$venv/bin/python" "$ROOT/bench/mail_queue.py" "$@"
