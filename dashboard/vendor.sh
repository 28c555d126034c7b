#!/usr/bin/env bash
# Copy the dashboard's browser libraries (and Swagger UI for /docs) from npm into
# src/eventwire/server/static/vendor/.
#
# Usage (from anywhere): bash dashboard/vendor.sh
# Needs node/npm only when dashboard/node_modules is missing or older than package-lock.json;
# the page itself never loads anything from outside the server (no CDN, no tile server).
# Idempotent: the vendor folder is rebuilt from scratch on every run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
modules="$here/node_modules"
dest="$root/src/eventwire/server/static/vendor"
stamp="$modules/.eventwire-lock.sha256"

lock_sum() { sha256sum "$here/package-lock.json" | cut -d' ' -f1; }

needed=(
  "leaflet/dist/leaflet.js"
  "leaflet/dist/leaflet.css"
  "leaflet/dist/images"
  "leaflet/LICENSE"
  "leaflet.markercluster/dist/leaflet.markercluster.js"
  "leaflet.markercluster/dist/MarkerCluster.css"
  "leaflet.markercluster/dist/MarkerCluster.Default.css"
  "leaflet.markercluster/MIT-LICENCE.txt"
  "topojson-client/dist/topojson-client.min.js"
  "topojson-client/LICENSE"
  "world-atlas/countries-50m.json"
  "world-atlas/LICENSE"
  "swagger-ui-dist/swagger-ui-bundle.js"
  "swagger-ui-dist/swagger-ui.css"
  "swagger-ui-dist/LICENSE"
)

stale=0
if [[ ! -f "$stamp" ]] || [[ "$(cat "$stamp")" != "$(lock_sum)" ]]; then
  stale=1
fi
for path in "${needed[@]}"; do
  [[ -e "$modules/$path" ]] || stale=1
done

if (( stale )); then
  if ! command -v npm >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "vendor.sh: installing Debian's nodejs and npm" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm \
      || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm; }
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "vendor.sh: npm is needed to install dashboard/node_modules (Node.js 18+): install Node.js, then rerun" >&2
    exit 1
  fi
  echo "vendor.sh: npm ci in dashboard/" >&2
  npm ci --prefix "$here" --no-audit --no-fund --ignore-scripts  # no package needs a script; one would phone home
  lock_sum >"$stamp"
fi

mkdir -p "$(dirname "$dest")"

# Build next to the destination, then swap, so a failed copy never leaves half a folder.
tmp="$(mktemp -d "$(dirname "$dest")/.vendor.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

cp "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$tmp/"
cp -R "$modules/leaflet/dist/images" "$tmp/images"
cp "$modules/leaflet/LICENSE" "$tmp/LICENSE.leaflet"

cp "$modules/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$modules/leaflet.markercluster/dist/MarkerCluster.css" \
   "$modules/leaflet.markercluster/dist/MarkerCluster.Default.css" "$tmp/"
cp "$modules/leaflet.markercluster/MIT-LICENCE.txt" "$tmp/LICENSE.leaflet.markercluster"

cp "$modules/topojson-client/dist/topojson-client.min.js" "$tmp/"
cp "$modules/topojson-client/LICENSE" "$tmp/LICENSE.topojson-client"

cp "$modules/world-atlas/countries-50m.json" "$tmp/countries-50m.json"
cp "$modules/world-atlas/LICENSE" "$tmp/LICENSE.world-atlas"

# the API's interactive docs at /docs, served from here: FastAPI's default page loads them from a CDN
cp "$modules/swagger-ui-dist/swagger-ui-bundle.js" "$modules/swagger-ui-dist/swagger-ui.css" "$tmp/"
cp "$modules/swagger-ui-dist/LICENSE" "$tmp/LICENSE.swagger-ui-dist"

find "$tmp" -type d -exec chmod 0755 {} +
find "$tmp" -type f -exec chmod 0644 {} +
rm -rf "$dest"
mv "$tmp" "$dest"
trap - EXIT
echo "vendor.sh: wrote $(find "$dest" -type f | wc -l) files to ${dest#"$root"/}" >&2
