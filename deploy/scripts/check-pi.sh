#!/usr/bin/env bash
# Checks a Pi before (and after) installing faasd for cacifo; prints one line per check and exits 1
# if any fails. Read-only: it changes nothing. Run on the Pi: deploy/scripts/check-pi.sh
set -euo pipefail

failed=0
ok() { printf 'ok    %s\n' "$1"; }
bad() { printf 'FAIL  %s\n' "$1"; failed=1; }

arch=$(uname -m)
if [ "$arch" = aarch64 ]; then ok "64-bit ARM ($arch): the images are published for linux/arm64"; else bad "CPU is $arch; the images are published for linux/arm64 (aarch64). Use a 64-bit OS"; fi

mem_mb=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)
if [ "$mem_mb" -ge 900 ]; then ok "memory ${mem_mb} MB"; else bad "memory ${mem_mb} MB: the stack needs a 1 GB Pi or larger"; fi

# faasd enforces limits.memory through the memory cgroup, which Raspberry Pi kernels leave off
# unless cmdline.txt says cgroup_enable=memory; without it every JVM sizes its heap from all the RAM.
if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null \
   || awk '$1 == "memory" && $4 == 1 { found = 1 } END { exit !found }' /proc/cgroups 2>/dev/null; then
  ok "memory cgroup enabled"
else
  bad "memory cgroup disabled: add 'cgroup_enable=memory cgroup_memory=1' to the kernel command line (docs/install-pi.md, step 1) and reboot"
fi

for tool in curl openssl systemctl; do
  if command -v "$tool" > /dev/null; then ok "$tool installed"; else bad "$tool missing: sudo apt-get install -y $tool"; fi
done

if systemctl is-active --quiet faasd 2> /dev/null; then
  ok "faasd running"
  if command -v faas-cli > /dev/null; then ok "faas-cli installed"; else bad "faas-cli missing (faasd's installer puts it in /usr/local/bin)"; fi
  if ip -4 addr show openfaas0 2> /dev/null | grep -q 'inet 10\.62\.0\.1/'; then ok "faasd bridge openfaas0 is 10.62.0.1"; else bad "no 10.62.0.1 on openfaas0 yet (faasd starts it with its first container)"; fi
else
  printf 'skip  faasd not running yet (install it: docs/install-pi.md, step 2)\n'
fi
exit "$failed"
