#!/bin/sh
# Registers the namespace Oxidly uses (the plain temporalio/server image, unlike the deprecated
# auto-setup image, creates none). Runs in temporalio/admin-tools once the server is up; a no-op
# when the namespace exists.
#
# Environment: TEMPORAL_ADDRESS (host:port), NAMESPACE (default "default"),
# NAMESPACE_RETENTION (default 72h, how long closed workflow histories are kept).
set -eu

address="${TEMPORAL_ADDRESS:-temporal:7233}"
namespace="${NAMESPACE:-default}"
retention="${NAMESPACE_RETENTION:-72h}"

# Same work-around as Temporal's own compose scripts: dial the IPv4 address, not the name.
host="${address%:*}"
port="${address##*:}"
ip="$(getent ahosts "$host" | awk '/STREAM/ { print $1; exit }')"
if [ -n "$ip" ]; then
  address="${ip}:${port}"
fi

tries=0
until temporal operator cluster health --address "$address"; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    echo "Temporal at ${address} did not become healthy" >&2
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --namespace "$namespace" --address "$address" >/dev/null 2>&1; then
  echo "Namespace '${namespace}' exists"
else
  temporal operator namespace create --namespace "$namespace" --retention "$retention" \
    --address "$address"
  echo "Namespace '${namespace}' created"
fi
