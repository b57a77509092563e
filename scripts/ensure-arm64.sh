#!/usr/bin/env bash
# Installs what bin/bench's "arm64" configuration needs and a fresh machine may lack: QEMU's
# user-mode emulator (Debian's qemu-user-static, qemu-aarch64-static) and Debian's arm64 OpenJDK 17
# (openjdk-17-jre-headless:arm64, through multiarch: `dpkg --add-architecture arm64`). No
# binfmt_misc is needed: the bench starts the arm64 java through qemu-aarch64-static itself.
# Does nothing when both are there. Run by bin/bench only, not by bin/test or .ci/run (CI time).
#
# Note: multiarch keeps a package's architectures at one version, so installing
# openjdk-17-jre-headless:arm64 may also upgrade the machine's own (amd64) OpenJDK 17 to the
# arm64 package's version; apt-get says so in its list of upgrades.
set -euo pipefail

arm64_java=/usr/lib/jvm/java-17-openjdk-arm64/bin/java
missing=()
command -v qemu-aarch64-static >/dev/null 2>&1 || missing+=(qemu-user-static)
[ -x "$arm64_java" ] || missing+=(openjdk-17-jre-headless:arm64)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "missing for the arm64 configuration: ${missing[*]}; install them (Debian: dpkg --add-architecture arm64;" \
    "apt-get update; apt-get install ${missing[*]}) and run again" >&2
  exit 1
fi
echo "installing for the arm64 configuration: ${missing[*]}"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
