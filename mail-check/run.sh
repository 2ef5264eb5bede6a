#!/usr/bin/env bash
# Every kind of e-mail over SMTP to a real server on loopback (aiosmtpd from PyPI,
# pinned in requirements.txt), read back as a mail client reads it. See check.py.
#
#   mail-check/run.sh            # uses $LOFTE_BIN or target/debug/lofte (built if missing)
#
# LOFTE_MAIL_CHECK_VENV=dir  the Python venv (default ~/.cache/lofte-mail-check/venv)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${LOFTE_BIN:-$root/target/debug/lofte}
if [ ! -x "$bin" ]; then
  cargo build -q --locked -p lofte --manifest-path "$root/Cargo.toml"
fi
# Absolute, since the check runs from this folder.
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
venv=${LOFTE_MAIL_CHECK_VENV:-$HOME/.cache/lofte-mail-check/venv}
want=$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
  echo "$want" > "$venv/.requirements.sha256"
fi
cd "$here"
"$venv/bin/python" check.py "$bin"
