#!/bin/sh
# Migrate the schema explicitly before the command: `kua serve` itself never migrates, and refuses
# to start on an outdated schema. Set KUA_MIGRATE_ON_START=0 to migrate by hand (`kua db upgrade`).
set -eu
if [ "${KUA_MIGRATE_ON_START:-1}" = "1" ]; then
    kua db upgrade
fi
exec "$@"
