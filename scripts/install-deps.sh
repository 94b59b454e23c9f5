#!/usr/bin/env bash
# Installs every Debian 12 package kgbuild needs to build, test and run.
# Idempotent: packages already present are skipped; apt-get runs only when
# something is missing. Needs root (or sudo) when it has to install.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build pkg-config git
  # fixed stack
  librdf0-dev libraptor2-dev librasqal3-dev librdf-storage-sqlite
  raptor2-utils rasqal-utils redland-utils
  libboost-dev libboost-graph-dev
  nlohmann-json3-dev doctest-dev
  # other libraries (libcurl: HTTP client of the Virtuoso store; the GnuTLS flavour,
  # because libraptor2-dev depends on it and libcurl4-openssl-dev conflicts with it)
  libicu-dev libssl-dev libre2-dev libcurl4-gnutls-dev curl
  # SPARQL server for `kgbuild load --store virtuoso:URL` (scripts/virtuoso.sh runs a
  # private instance; see below for the system service the package sets up)
  virtuoso-opensource
  # data used as lexicons
  iso-codes wordnet-base
  # tools the tests use to check outputs
  serdi python3 python3-rdflib python3-pyld python3-networkx graphviz
  # browser test of graph.html (headless)
  chromium
  # benchmark: GNU time for peak memory
  time
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

# virtuoso-opensource-7 registers a system service (ports 1111/8890, default dba
# password). kgbuild never uses it (scripts/virtuoso.sh runs a private instance on
# other ports), so when this run installed the package on a machine with systemd,
# stop and disable it. In containers policy-rc.d already keeps it from starting.
if [[ " ${missing[*]} " == *" virtuoso-opensource "* ]] && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now virtuoso-opensource-7 >/dev/null 2>&1 || true
fi
