#!/usr/bin/env bash
# Docker HEALTHCHECK of the Oxidly image.
#
# The Temurin JRE image ships neither curl nor wget (its Dockerfile installs wget only to fetch the
# JDK and purges it again), and starting a second JVM every few seconds would be wasteful. So this
# speaks just enough HTTP/1.1 over bash's /dev/tcp to read the status line of Spring Boot's
# liveness probe: 200 = healthy, anything else (503, refused, timeout) = unhealthy.
#
# OXIDLY_MODE=worker runs no HTTP server at all, so there is nothing to ask: a worker container is
# reported healthy while its JVM runs, and Docker's restart policy handles a JVM that exits.
set -u

mode="${OXIDLY_MODE:-all}"
mode="${mode,,}"
if [[ "${mode// /}" == "worker" ]]; then
  exit 0
fi

port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}"
path="${OXIDLY_HEALTHCHECK_PATH:-/actuator/health/liveness}"

exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' \
  "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-

# e.g. "HTTP/1.1 200 " (Tomcat sends no reason phrase)
[[ "$status" =~ ^HTTP/1\.[01]\ 200([[:space:]]|$) ]]
