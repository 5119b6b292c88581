#!/bin/sh
# Runs inside the pure cgroup-v2 VM of cgroup2-vm.sh (build.ps1 -Task TestCgroup2; by hand:
#   bash ../shared/tools/cgroup2-vm.sh run tests/cgroup2/run-shim-v2.sh DIR   with containerps-shim copied into DIR).
# The staged supervisor runs busybox bundles: limits land in the container's v2 cgroup, an OOM kill is reported,
# the stats files parse, the container sees its own cgroup, and everything is removed after delete.
# Prints one PASS or FAIL line per check; exits non-zero when any check failed.
set -u
SHIM=/share/containerps-shim
ROOT=/run/containerps-v2-test
WORK=/tmp/v2bundle
failures=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
check() { name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }

echo "kernel $(uname -r); /sys/fs/cgroup is $(stat -fc %T /sys/fs/cgroup); controllers: $(cat /sys/fs/cgroup/cgroup.controllers)"
check "host is pure cgroup v2" test "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs

# A busybox rootfs: the VM has Debian's busybox-static.
mkdir -p $WORK/rootfs/bin $WORK/rootfs/etc $WORK/rootfs/tmp
cp /bin/busybox $WORK/rootfs/bin/busybox
for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -sf busybox $WORK/rootfs/bin/$applet; done
echo 'root:x:0:0:root:/root:/bin/sh' > $WORK/rootfs/etc/passwd
echo 'root:x:0:' > $WORK/rootfs/etc/group

CAPS='"CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FSETID","CAP_FOWNER","CAP_MKNOD","CAP_NET_RAW","CAP_SETGID","CAP_SETUID","CAP_SETFCAP","CAP_SETPCAP","CAP_NET_BIND_SERVICE","CAP_SYS_CHROOT","CAP_KILL","CAP_AUDIT_WRITE"'
# config SCRIPT RESOURCES-JSON [SECCOMP-JSON]: the contract's defaults, running sh -c SCRIPT (no single quotes in
# SCRIPT), with linux.seccomp when given.
config() {
  seccomp=${3:+"\"seccomp\": $3,"}
  cat > $WORK/config.json <<JSON
{
  "ociVersion": "1.0.2",
  "process": {
    "args": ["sh", "-c", "$1"],
    "env": ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],
    "cwd": "/",
    "capabilities": {"bounding": [$CAPS], "effective": [$CAPS], "permitted": [$CAPS], "inheritable": [], "ambient": []},
    "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1048576, "soft": 1048576}],
    "noNewPrivileges": true
  },
  "root": {"path": "rootfs"},
  "hostname": "v2box",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid","noexec","nodev"]},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid","strictatime","mode=755","size=65536k"]},
    {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid","noexec","nodev","ro"]},
    {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["nosuid","noexec","nodev","relatime","ro"]}
  ],
  "linux": {
    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}, {"type": "cgroup"}],
    "resources": $2,
    $seccomp
    "maskedPaths": ["/proc/kcore", "/sys/firmware"],
    "readonlyPaths": ["/proc/sys"]
  }
}
JSON
}
shim() { $SHIM --root $ROOT "$@"; }
field() { shim state "$1" | sed -n "s/^ *\"$2\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p"; }

echo "--- limits in the container's cgroup"
config 'cat /proc/self/cgroup; stat -fc %T /sys/fs/cgroup; cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max /sys/fs/cgroup/cpu.max; sleep 60' \
  '{"memory": {"limit": 67108864}, "pids": {"limit": 33}, "cpu": {"quota": 50000, "period": 100000}}'
shim create --bundle $WORK limits && shim start limits
CG=/sys/fs/cgroup/containerps/limits
check "memory.max = 64 MiB" test "$(cat $CG/memory.max)" = 67108864
check "pids.max = 33" test "$(cat $CG/pids.max)" = 33
check "cpu.max = 50000 100000" test "$(cat $CG/cpu.max)" = "50000 100000"
check "the container's init is in the cgroup" grep -qx "$(field limits pid)" $CG/cgroup.procs
echo "cgroup files: memory.max=$(cat $CG/memory.max) swap.max=$(cat $CG/memory.swap.max 2>/dev/null) pids.max=$(cat $CG/pids.max) cpu.max=$(cat $CG/cpu.max) cpu.weight=$(cat $CG/cpu.weight)"

echo "--- stats files parse (one sample)"
usage_usec=$(awk '$1 == "usage_usec" {print $2}' $CG/cpu.stat)
memory_current=$(cat $CG/memory.current)
inactive_file=$(awk '$1 == "inactive_file" {print $2}' $CG/memory.stat)
pids_current=$(cat $CG/pids.current)
io=$(cat $CG/io.stat 2>/dev/null; true)
echo "cpu usage_usec=$usage_usec memory.current=$memory_current inactive_file=$inactive_file pids.current=$pids_current io.stat='$io'"
check "cpu.stat usage_usec is a number" test "$usage_usec" -ge 0
check "memory.current - inactive_file >= 0" test $((memory_current - inactive_file)) -ge 0
check "pids.current >= 1" test "$pids_current" -ge 1
check "memory.events has oom_kill" grep -q '^oom_kill ' $CG/memory.events
shim delete --force limits
check "delete removed the cgroup" test ! -e $CG

echo "--- what the container saw (run in the foreground)"
config 'cat /proc/self/cgroup; cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max; grep \" /sys/fs/cgroup \" /proc/self/mountinfo | cut -d\" \" -f6; grep \" /sys/fs/cgroup \" /proc/self/mountinfo | sed \"s/.* - //\"' \
  '{"memory": {"limit": 67108864}, "pids": {"limit": 33}}'
seen=$(shim run --rm --bundle $WORK seen 2>&1)
echo "$seen"
check "the container sees its cgroup as the root (0::/)" sh -c "echo '$seen' | grep -qx '0::/'"
check "its /sys/fs/cgroup is a read-only cgroup2 mount" sh -c "echo '$seen' | grep -q '^cgroup2 ' && echo '$seen' | grep -q '^ro,'"
check "it sees its own limits" sh -c "echo '$seen' | grep -qx 67108864 && echo '$seen' | grep -qx 33"

echo "--- OOM: 100 MB under a 20 MiB limit"
ALLOCATE='x=$(head -c 100000000 /dev/zero | tr \"\\0\" a); echo survived ${#x}'
config "$ALLOCATE" '{"memory": {"limit": 20971520}}'
shim run --bundle $WORK oom; rc=$?
echo "exit $rc, oomKilled $(field oom oomKilled), memory.events of a fresh run are gone with the cgroup"
check "OOM kill exits 137" test $rc = 137
check "OOM kill is recorded (oomKilled true)" test "$(field oom oomKilled)" = true
shim delete oom
config "$ALLOCATE" '{"memory": {"limit": 536870912}}'
out=$(shim run --bundle $WORK control); rc=$?
echo "control: exit $rc, '$out', oomKilled $(field control oomKilled)"
check "a 512 MiB limit survives" test "$rc" = 0
check "and is not reported OOM killed" test "$(field control oomKilled)" = false
shim delete control

echo "--- pids: a fork bomb under pids.max 20"
config '(i=0; while [ $i -lt 200 ]; do sleep 60 & i=$((i+1)); done) 2>/dev/null; n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; echo $n' '{"pids": {"limit": 20}}'
count=$(shim run --rm --bundle $WORK bomb)
echo "processes in the container: $count"
check "the fork bomb is contained (<= 20 processes)" test "$count" -le 20
check "the host can still fork" /bin/true

echo "--- devices: the default allow-list as an eBPF filter (no devices in the bundle: the supervisor's default)"
config 'head -c 2 /dev/zero | wc -c; echo -n x > /dev/null && echo wrote; mknod /tmp/mem c 1 1 && echo made; head -c 1 /tmp/mem 2>&1 >/dev/null; echo status $?' '{}'
devices=$(shim run --rm --bundle $WORK devices 2>&1)
echo "$devices"
check "the standard devices work" sh -c "echo '$devices' | grep -qx 2 && echo '$devices' | grep -qx wrote"
check "mknod c 1 1 works but opening it is refused (EPERM)" sh -c "echo '$devices' | grep -qx made && echo '$devices' | grep -q 'Operation not permitted' && echo '$devices' | grep -qx 'status 1'"

echo "--- born in the cgroup: clone3 CLONE_INTO_CGROUP, so the kernel traces no migration of the init or an exec"
TR=/sys/kernel/tracing
if [ -e $TR/trace ] || mount -t tracefs nodev $TR 2>/dev/null; then
  echo 0 > $TR/tracing_on; echo > $TR/trace; echo 1 > $TR/events/cgroup/cgroup_attach_task/enable; echo 1 > $TR/tracing_on
  config 'sleep 600' '{}'
  shim create --start --bundle $WORK born
  echo '{"args": ["true"], "env": ["PATH=/bin"], "cwd": "/"}' > $WORK/process.json
  shim exec --process $WORK/process.json born
  echo 0 > $TR/tracing_on; echo 0 > $TR/events/cgroup/cgroup_attach_task/enable
  check "the container is running" test "$(field born status)" = running
  migrations=$(grep -c 'containerps/born' $TR/trace)
  echo "migrations into /containerps/born traced: $migrations"
  check "no process was moved into the container's cgroup" test "$migrations" = 0
  shim delete --force born
else
  fail "tracefs is not available in the VM: cannot show that the init is born in its cgroup"
fi

echo "--- seccomp: the filter ContainerPS writes for a default container (/share/default-seccomp.json), and one rule"
# has OUTPUT LINE: OUTPUT has exactly that line (a function, so the output's quotes need no escaping).
has() { printf '%s\n' "$1" | grep -qx "$2"; }
PROBE='grep Seccomp: /proc/self/status; unshare -U true 2>/dev/null; echo unshare $?; rm -rf /tmp/d; mkdir /tmp/d 2>&1; echo mkdir $?'
config "$PROBE" '{}' "$(cat /share/default-seccomp.json)"
confined=$(shim run --rm --bundle $WORK confined 2>&1)
echo "$confined"
check "the default filter is installed (Seccomp: 2)" has "$confined" 'Seccomp:.2'
check "it refuses a new user namespace" has "$confined" 'unshare 1'
check "it allows mkdir" has "$confined" 'mkdir 0'
config "$PROBE" '{}'
unconfined=$(shim run --rm --bundle $WORK unconfined 2>&1)
echo "$unconfined"
check "without linux.seccomp there is no filter" has "$unconfined" 'Seccomp:.0'
check "and unshare -U works" has "$unconfined" 'unshare 0'
config "$PROBE" '{}' '{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"], "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}'
denied=$(shim run --rm --bundle $WORK denied 2>&1)
echo "$denied"
check "a profile denying mkdir with errnoRet 13 gives EACCES" has "$denied" "mkdir: can't create directory '/tmp/d': Permission denied"
check "and mkdir fails" has "$denied" 'mkdir 1'

echo "--- exec: a process joins the running container's cgroup and namespaces"
config 'sleep 600' '{}'
shim create --start --bundle $WORK ex
# The container's capabilities: reading /proc/1/ns needs the init's permitted set (ptrace(2), access mode checks).
cat > $WORK/process.json <<JSON
{"args": ["sh", "-c", "cat /proc/self/cgroup; readlink /proc/self/ns/pid; readlink /proc/1/ns/pid; hostname; exit 5"], "env": ["PATH=/bin"], "cwd": "/", "noNewPrivileges": true,
 "capabilities": {"bounding": [$CAPS], "effective": [$CAPS], "permitted": [$CAPS], "inheritable": [], "ambient": []}}
JSON
execout=$(shim exec --process $WORK/process.json --status-file $WORK/status ex); rc=$?
echo "$execout"
check "exec exits with the process's code (5) and the status file says so" test "$rc $(cat $WORK/status)" = "5 exited 5"
check "the exec'd process sees the container's cgroup as the root (0::/)" sh -c "echo '$execout' | sed -n 1p | grep -qx '0::/'"
check "it is in the init's pid namespace" test "$(echo "$execout" | sed -n 2p)" = "$(echo "$execout" | sed -n 3p)"
check "it has the container's hostname" test "$(echo "$execout" | sed -n 4p)" = v2box
echo '{"args": ["sleep", "600"], "env": ["PATH=/bin"], "cwd": "/"}' > $WORK/process.json
shim exec --process $WORK/process.json ex & execshim=$!
i=0; while [ $i -lt 500 ] && [ "$(wc -l < /sys/fs/cgroup/containerps/ex/cgroup.procs)" -lt 2 ]; do sleep 0.02; i=$((i+1)); done
check "a running exec is in the container's v2 cgroup" test "$(wc -l < /sys/fs/cgroup/containerps/ex/cgroup.procs)" -eq 2
kill -9 $execshim; wait $execshim 2>/dev/null
# Suspend-Container, Resume-Container and Set-Container: the same calls on a monitored container (ContainerPS's path).
CG=/sys/fs/cgroup/containerps/ex
shim pause ex
check "a monitored container pauses: cgroup.freeze 1, cgroup.events frozen 1, state paused" \
  test "$(cat $CG/cgroup.freeze) $(sed -n 's/^frozen //p' $CG/cgroup.events) $(field ex status)" = "1 1 paused"
shim resume ex
check "and resumes" test "$(cat $CG/cgroup.freeze) $(field ex status)" = "0 running"
shim update --memory 48m --memory-swap 48m --pids-limit 25 ex
check "a monitored container takes an update" test "$(cat $CG/memory.max) $(cat $CG/memory.swap.max) $(cat $CG/pids.max)" = "50331648 0 25"
shim delete --force ex

echo "--- without a monitor (runc's way): more resources, update, events --stats, pause and resume through cgroup.freeze, kill --all, the cgroup kept until delete"
config 'sleep 600' '{"memory": {"limit": 67108864, "reservation": 33554432}, "cpu": {"cpus": "0", "mems": "0"}, "unified": {"memory.high": "62914560"}}'
shim create --bundle $WORK bare </dev/null >/dev/null 2>&1
check "create leaves no supervisor (supervisorPid 0)" test "$(field bare supervisorPid)" = 0
shim start bare
check "start runs it" test "$(field bare status)" = running
CG=/sys/fs/cgroup/containerps/bare
echo "memory.low=$(cat $CG/memory.low) cpuset.cpus=$(cat $CG/cpuset.cpus) cpuset.mems=$(cat $CG/cpuset.mems) memory.high=$(cat $CG/memory.high)"
check "memory.reservation is memory.low" test "$(cat $CG/memory.low)" = 33554432
check "cpus and mems are cpuset.cpus and cpuset.mems" test "$(cat $CG/cpuset.cpus) $(cat $CG/cpuset.mems)" = "0 0"
check "unified sets memory.high as written" test "$(cat $CG/memory.high)" = 62914560
shim update --memory 128m --pids-limit 50 --cpu-quota 20000 --cpu-period 100000 bare
check "update sets memory.max, pids.max and cpu.max" test "$(cat $CG/memory.max) $(cat $CG/pids.max) $(cat $CG/cpu.max)" = "134217728 50 20000 100000"
shim update --cpu-period 50000 bare
check "a period-only update keeps the quota" test "$(cat $CG/cpu.max)" = "20000 50000"
echo '{"memory": {"limit": 100663296}}' | shim update --resources - bare
check "update --resources - reads LinuxResources from stdin" test "$(cat $CG/memory.max) $(cat $CG/pids.max)" = "100663296 50"
stats=$(shim events --stats bare)
contains() { printf '%s' "$1" | grep -qF "$2"; }
check "events --stats is a stats event" contains "$stats" '"type":"stats"'
check "with the v2 memory limit in it" contains "$stats" '"limit":100663296'
shim pause bare
check "pause sets cgroup.freeze and state says paused" test "$(cat $CG/cgroup.freeze) $(field bare status)" = "1 paused"
shim resume bare
check "resume clears it" test "$(cat $CG/cgroup.freeze) $(field bare status)" = "0 running"
shim kill --all bare KILL
i=0; while [ $i -lt 250 ] && [ "$(field bare status)" != stopped ]; do sleep 0.02; i=$((i+1)); done
check "kill --all stops it" test "$(field bare status)" = stopped
check "its cgroup stays until delete" test -d $CG
shim delete bare
check "delete removes the cgroup" test ! -e $CG

check "no containerps cgroups are left" sh -c "test -z \"\$(ls -d /sys/fs/cgroup/containerps/*/ 2>/dev/null)\""
check "no state directories are left" sh -c "test -z \"\$(ls $ROOT)\""
echo "summary: $failures failed"
[ $failures -eq 0 ]
