#!/bin/sh
# Entry point on a fresh Debian 12 with only the .NET SDK: installs the test tools the build needs (as root),
# restores PowerShell (a dotnet local tool) and Pester (from the NuGet feed), then runs build.ps1.
#   ./build.sh -Task Demo     set everything up and pull an image with ContainerPS
#   ./build.sh -Task Test     run all tests
set -eu
cd "$(dirname "$0")"

# Debian packages: the registry and image tools the tests compare against (buildah: the Build-Image oracle),
# busybox-static for test images, iptables (bridge networks' NAT) and iproute2 (the network tests look with `ip`), tmux (the interactive tests' terminal),
# openssh-server and openssh-client (the remoting test's loopback sshds and PowerShell's SSH transport),
# golang-github-docker-docker-dev (docker 20.10's default seccomp profile, the Engine tests' oracle; no command, so
# FILES names what it ships), gcc and libc6-dev (the static seccomp probe in test/seccomp), golang-docker-credential-helpers,
# pass and gnupg (docker-credential-pass, the real credential helper the login tests store through),
# golang-go (builds the OCI runtime conformance suite in tests/conformance; runc is its reference runtime), containerd
# (ctr drives containerps-shim as its runc in ContainerPS.OciRuntime.Tests.ps1), python3-grpcio, python3-protobuf and
# protobuf-compiler (that file's CRI client: protoc makes the messages from tests/Pester/Cri/cri.proto; the modules
# have no command, so FILES names them).
PACKAGES="docker-registry skopeo umoci buildah busybox-static podman runc zstd jq apache2-utils tmux iptables iproute2 openssh-server openssh-client golang-github-docker-docker-dev gcc libc6-dev golang-docker-credential-helpers pass gnupg golang-go containerd python3-grpcio python3-protobuf protobuf-compiler"
COMMANDS="docker-registry skopeo umoci buildah busybox podman runc zstd jq htpasswd tmux iptables ip sshd ssh gcc docker-credential-pass pass gpg go containerd ctr protoc"
FILES="/usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json /usr/include/stdio.h /usr/lib/python3/dist-packages/grpc/__init__.py /usr/lib/python3/dist-packages/google/protobuf/__init__.py"
PESTER_VERSION=6.2.0

missing_commands() {
    for command in $COMMANDS; do
        command -v "$command" >/dev/null 2>&1 || echo "$command"
    done
    for file in $FILES; do
        [ -e "$file" ] || echo "$file"
    done
}

install_packages() {
    missing=$(missing_commands)
    [ -z "$missing" ] && return 0
    echo "Missing: $missing; installing $PACKAGES" >&2
    if [ "$(id -u)" -ne 0 ]; then
        echo "build.sh: run as root to install the missing Debian packages (or install them yourself)." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # shellcheck disable=SC2086 # the package list is meant to split
    apt-get install -y --no-install-recommends $PACKAGES
}

restore_dotnet_tools() {
    dotnet tool restore
    # Pester comes from the NuGet feed as a PackageDownload; build.ps1 imports it from the NuGet cache.
    dotnet restore tools/pester/pester.proj --verbosity quiet
}

command -v dotnet >/dev/null 2>&1 || { echo "build.sh: the .NET SDK (dotnet) is required." >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
install_packages
restore_dotnet_tools
exec dotnet pwsh -NoProfile -File build.ps1 "$@"
