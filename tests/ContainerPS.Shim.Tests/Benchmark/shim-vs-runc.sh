#!/bin/sh
# One container run of busybox `true`, start to exit and removal, on the same bundle: `containerps-shim run --rm`
# against `runc run` (which deletes too). 2 warm-up runs, then the median of 20 of each, in milliseconds.
#   sh shim-vs-runc.sh [path/to/containerps-shim]      (as root; default: the staged module's)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SHIM=${1:-$here/../../../out/ContainerPS/containerps-shim}
RUNS=20
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs/bin" "$work/rootfs/etc" "$work/rootfs/proc" "$work/rootfs/sys" "$work/rootfs/dev"
cp /bin/busybox "$work/rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -s busybox "$work/rootfs/bin/$applet"; done
caps='"CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FSETID","CAP_FOWNER","CAP_MKNOD","CAP_NET_RAW","CAP_SETGID","CAP_SETUID","CAP_SETFCAP","CAP_SETPCAP","CAP_NET_BIND_SERVICE","CAP_SYS_CHROOT","CAP_KILL","CAP_AUDIT_WRITE"'
cat > "$work/config.json" <<JSON
{
  "ociVersion": "1.0.2",
  "process": {"args": ["/bin/true"], "env": ["PATH=/bin"], "cwd": "/", "user": {"uid": 0, "gid": 0},
    "capabilities": {"bounding": [$caps], "effective": [$caps], "permitted": [$caps], "inheritable": [], "ambient": []},
    "noNewPrivileges": true},
  "root": {"path": "rootfs"},
  "hostname": "bench",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid","noexec","nodev"]},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid","strictatime","mode=755","size=65536k"]},
    {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid","noexec","nodev","ro"]}
  ],
  "linux": {
    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}, {"type": "cgroup"}],
    "resources": {"pids": {"limit": 100}},
    "maskedPaths": ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware"],
    "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
  }
}
JSON

now() { date +%s%N; }
# time_runs NAME COMMAND...: prints the median of $RUNS runs after 2 warm-ups ("{}" in COMMAND is the run's id).
time_runs() {
  name=$1; shift
  : > "$work/$name.times"
  i=0
  while [ $i -lt $((RUNS + 2)) ]; do
    id="bench$i"
    start=$(now)
    "$@" "$id" >/dev/null 2>&1 </dev/null || { echo "$name run $i failed" >&2; exit 1; }
    end=$(now)
    [ $i -ge 2 ] && echo $(( (end - start) / 1000 )) >> "$work/$name.times"
    i=$((i + 1))
  done
  sort -n "$work/$name.times" | awk -v n="$name" '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%-18s median %.2f ms (min %.2f, max %.2f) of %d\n", n, m / 1000, a[1] / 1000, a[NR] / 1000, NR }'
}

echo "$(uname -r), $(nproc) CPUs, $("$SHIM" --help 2>&1 | head -0)runc $(runc --version | head -1 | cut -d' ' -f3)"
time_runs containerps-shim "$SHIM" --root "$work/shim-state" run --rm --bundle "$work"
time_runs runc runc --root "$work/runc-state" run --bundle "$work"
