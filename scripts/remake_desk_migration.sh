#!/usr/bin/env bash
# Development only, while the desk app has not shipped: regenerate desk/migrations/0001 from the
# models of every area. Serialised with flock so parallel work never interleaves two regenerations.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/propdesk-desk-migration.lock
flock 9
rm -f desk/migrations/0*.py
.venv/bin/python manage.py makemigrations desk --name initial
