#!/usr/bin/env bash
# Development only, while the duty app has not shipped: regenerate duty/migrations/0001 from the
# models of every area. Serialised with flock so parallel work never interleaves two regenerations.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/propdesk-duty-migration.lock
flock 9
rm -f duty/migrations/0*.py
.venv/bin/python manage.py makemigrations duty --name initial
