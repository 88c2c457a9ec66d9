#!/usr/bin/env bash
# Development only, until the key-custody models ship: regenerate keys/migrations/0003_custody from the
# current models (0001 and 0002 have shipped and are never touched). Serialised with flock.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/propdesk-keys-migration.lock
flock 9
rm -f keys/migrations/0003_*.py
.venv/bin/python manage.py makemigrations keys --name custody
