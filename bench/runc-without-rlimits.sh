#!/bin/sh
# An OCI runtime for podman on hosts that refuse runc's prlimit(2) of the container's RLIMIT_NOFILE/NPROC (a root
# without CAP_SYS_RESOURCE, as in the development sandbox; even values equal to the current ones are refused there):
# on create/run, process.rlimits leaves the bundle's config.json, then runc runs unchanged. Run.Bench.ps1 measures
# the cost of this rewrite on its own and reports podman's time with and without it.
bundle=
previous=
for argument in "$@"; do
    case "$previous" in --bundle | -b) bundle=$argument ;; esac
    case "$argument" in --bundle=*) bundle=${argument#--bundle=} ;; esac
    previous=$argument
done
if [ -n "$bundle" ] && [ -f "$bundle/config.json" ]; then
    jq -c 'del(.process.rlimits)' "$bundle/config.json" > "$bundle/config.json.tmp" && mv "$bundle/config.json.tmp" "$bundle/config.json"
fi
exec runc "$@"
