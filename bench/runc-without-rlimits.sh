#!/bin/sh
# An OCI runtime for podman on hosts that refuse runc's prlimit(2) of the container's RLIMIT_NOFILE/NPROC (a root
# without CAP_SYS_RESOURCE, as in the development sandbox; even values equal to the current ones are refused there):
# process.rlimits leaves the bundle's config.json (create, run) or the exec's process.json (exec --process), then
# runc runs unchanged. The benchmarks measure this rewrite on its own (Bench.psm1) and report podman's time
# with and without it.
bundle=
process=
previous=
for argument in "$@"; do
    case "$previous" in --bundle | -b) bundle=$argument ;; --process | -p) process=$argument ;; esac
    case "$argument" in --bundle=*) bundle=${argument#--bundle=} ;; --process=*) process=${argument#--process=} ;; esac
    previous=$argument
done
drop_rlimits() { # file, jq path
    jq -c "del($2)" "$1" > "$1.norlimits" && mv "$1.norlimits" "$1"
}
if [ -n "$bundle" ] && [ -f "$bundle/config.json" ]; then drop_rlimits "$bundle/config.json" .process.rlimits; fi
if [ -n "$process" ] && [ -f "$process" ]; then drop_rlimits "$process" .rlimits; fi
exec runc "$@"
