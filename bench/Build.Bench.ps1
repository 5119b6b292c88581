<#
.SYNOPSIS
    Build benchmark: Build-Image against buildah bud and podman build of the same small Dockerfile, three ways.
.DESCRIPTION
    The context is a Dockerfile of the fixture busybox image from the loopback registry with five steps after its
    FROM (ENV, a COPY of two small files, two RUNs that write files, CMD) and those two files. Each tool builds it,
    with no network for RUN (Build-Image -Network None, --network none), in three ways, the tools taken in turn
    (Measure-Interleaved) so that a machine that slows down during the run slows them alike; medians of -Runs
    builds after two warm-ups, and the ratio ContainerPS/peer next to its goal (issue 12):
    - cold: an empty store each build (ContainerPS a fresh -Root; buildah and podman a fresh --root and --runroot),
      so the timed build includes pulling the base image from the loopback registry (--tls-verify=false for the
      peers; ContainerPS reaches loopback registries over plain HTTP anyway). Goal: at most 0.5x buildah.
    - NoCache: the base image present, every step built again (-NoCache, --no-cache). Goal: at most 0.5x buildah.
    - warm: the same context built again with everything cached, so every step is a cache hit. Goal: at most
      0.25x buildah.
    The peers run their default OCI isolation with runc (the fair comparison: ContainerPS runs RUN steps in its own
    OCI runtime, not chroot), the overlay storage driver, and --layers (buildah's default is not to cache steps at
    all, which would make its warm build a NoCache one; podman build caches by default) and --pull=missing (their
    default checks the registry for a newer base on every build; Build-Image's default is to pull only if missing).
    Their storage lives under a temp directory and is reset and removed afterwards, with any mount left under it.
#>
param(
    [Parameter(Mandatory)] [string] $Registry,
    [Parameter(Mandatory)] [string] $ImagesFile,
    [int] $Runs = 10
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$repoRoot = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $repoRoot 'out/ContainerPS/ContainerPS.psd1') -Force
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
$reference = @((Get-Content -Raw $ImagesFile | ConvertFrom-Json).images | Where-Object name -eq 'busybox')[0].reference
$scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "cps-buildbench-$PID")).FullName
$context = Join-Path $scratch 'context'
$cold = Join-Path $scratch 'cold'
$root = Join-Path $scratch 'store'
$tag = 'localhost/bench/build:latest'

$null = New-Item -ItemType Directory -Force $context, $cold
Set-Content -NoNewline -Path "$context/greeting.txt" -Value "hello from the build context`n"
Set-Content -NoNewline -Path "$context/numbers.txt" -Value (((1..200) -join "`n") + "`n")
Set-Content -Path "$context/Dockerfile" -Value @"
FROM $reference
ENV GREETING=hello BENCH=build
COPY greeting.txt numbers.txt /data/
RUN mkdir -p /out && cat /data/greeting.txt > /out/first && echo "`$GREETING" >> /out/first
RUN wc -l /data/numbers.txt > /out/second && date > /out/when
CMD ["cat", "/out/first"]
"@

# Storage arguments of a peer: its own root and runroot under $Directory, overlay. podman also gets cgroupfs (the
# sandbox has no systemd to manage cgroups) and file events (no journald); buildah's default is cgroupfs already.
function Get-StorageArguments([string] $Tool, [string] $Directory) {
    $arguments = @('--root', "$Directory/root", '--runroot', "$Directory/run", '--storage-driver', 'overlay')
    if ($Tool -eq 'podman') { $arguments += @('--cgroup-manager', 'cgroupfs', '--events-backend', 'file') }
    $arguments
}

# The build command line after the storage arguments; the same for buildah and podman.
function Get-BuildArguments([string] $Runtime, [switch] $NoCache) {
    $arguments = @('build', '--quiet', '--layers', '--pull=missing', '--network', 'none', '--tls-verify=false',
        '--runtime', $Runtime, '--tag', $tag)
    if ($NoCache) { $arguments += '--no-cache' }
    $arguments + @($context)
}

# Unmounts whatever is still mounted under $Directory (deepest first) and removes it.
function Remove-Storage([string] $Directory) {
    Get-Content /proc/mounts | ForEach-Object { ($_ -split ' ')[1] } | Where-Object { $_.StartsWith($Directory) } |
        Sort-Object -Descending | ForEach-Object { umount -l $_ 2>$null }
    Remove-Item -Recurse -Force $Directory -ErrorAction SilentlyContinue
}

# The OCI runtime a peer's RUN steps get: runc, if a one-RUN build with it works in a throwaway store; otherwise
# bench/runc-without-rlimits.sh, for a host where runc's prlimit(2) of the container's RLIMIT_NOFILE/NPROC is refused
# (no CAP_SYS_RESOURCE, even for the current values; see Select-PodmanRuntime in Bench.psm1). In the development
# sandbox both peers' RUN steps pass with plain runc (unlike podman run's containers), so no wrapper cost is in
# their figures. The probe also pulls the base image, which proves the peer can reach
# the loopback registry at all; a peer whose probe fails with the wrapper too is reported and left out.
function Select-BuildRuntime([string] $Tool) {
    $probe = Join-Path $scratch "probe-$Tool"
    $null = New-Item -ItemType Directory -Force "$probe/context"
    Set-Content -Path "$probe/context/Dockerfile" -Value "FROM $reference`nRUN true"
    try {
        $wrapper = Join-Path $PSScriptRoot 'runc-without-rlimits.sh'
        $last = ''
        foreach ($runtime in 'runc', $wrapper) {
            $arguments = (Get-StorageArguments $Tool "$probe/storage") + @('build', '--quiet', '--pull=missing',
                '--network', 'none', '--tls-verify=false', '--runtime', $runtime, "$probe/context")
            $output = & $Tool @arguments 2>&1
            if ($LASTEXITCODE -eq 0) { return $runtime }
            $last = "$($output | Select-Object -Last 1)"
            Write-Host "$Tool build with $runtime could not run here ($last)" -ForegroundColor Yellow
        }
        throw "$Tool build failed with runc and with runc-without-rlimits.sh: $last"
    }
    finally {
        & $Tool @(Get-StorageArguments $Tool "$probe/storage") rm --all 2>&1 | Out-Null
        Remove-Storage $probe
    }
}

$ratioGoals = [ordered]@{ cold = 0.5; NoCache = 0.5; warm = 0.25 }
$peers = [ordered]@{}
try {
    foreach ($tool in 'buildah', 'podman') {
        try {
            $runtime = Select-BuildRuntime $tool
            $peers[$tool] = @{ Runtime = $runtime; Storage = (Get-StorageArguments $tool "$scratch/$tool") }
            Write-Host "$tool builds with $(Split-Path -Leaf $runtime)"
        }
        catch { Write-Host "$tool could not run here: $($_.Exception.Message)" -ForegroundColor Yellow }
    }
    # The stores of the NoCache and warm builds: the base image pulled, not timed.
    $null = Request-Image $reference -Root $root -ProgressAction SilentlyContinue
    foreach ($tool in $peers.Keys) {
        Invoke-Native $tool ($peers[$tool].Storage + @('pull', '--quiet', '--tls-verify=false', $reference))
    }

    $modes = [ordered]@{
        cold = @{
            ContainerPS = { param($i) Build-Image $context -Root "$cold/containerps-$i" -Tag $tag -Network None -ProgressAction SilentlyContinue -InformationAction Ignore }
            Peer = { param($tool, $i)
                $storage = Get-StorageArguments $tool "$cold/$tool-$i"
                Invoke-Native $tool ($storage + (Get-BuildArguments $peers[$tool].Runtime)) }
        }
        NoCache = @{
            ContainerPS = { param($i) Build-Image $context -Root $root -Tag $tag -Network None -NoCache -ProgressAction SilentlyContinue -InformationAction Ignore }
            Peer = { param($tool, $i) Invoke-Native $tool ($peers[$tool].Storage + (Get-BuildArguments $peers[$tool].Runtime -NoCache)) }
        }
        warm = @{
            ContainerPS = { param($i) Build-Image $context -Root $root -Tag $tag -Network None -ProgressAction SilentlyContinue -InformationAction Ignore }
            Peer = { param($tool, $i) Invoke-Native $tool ($peers[$tool].Storage + (Get-BuildArguments $peers[$tool].Runtime)) }
        }
    }

    $rows = foreach ($mode in $modes.Keys) {
        $names = @("ContainerPS Build-Image") + @($peers.Keys | ForEach-Object { "$_ build" })
        $blocks = @($modes[$mode].ContainerPS) + @($peers.Keys | ForEach-Object {
                $tool = $_; $peer = $modes[$mode].Peer
                { param($i) & $peer $tool $i }.GetNewClosure()
            })
        # Before every build, not timed: the previous cold build's store goes (unmounted, removed), and a sync, so
        # that no build waits on the disk for what the one before left dirty.
        $results = Measure-Interleaved $names $blocks -Runs $Runs -BeforeEach {
            foreach ($store in @(Get-ChildItem -Directory $cold)) {
                if ($store.Name -notlike 'containerps-*') { & ($store.Name -replace '-\d+$') @(Get-StorageArguments ($store.Name -replace '-\d+$') $store.FullName) rm --all 2>&1 | Out-Null }
                Remove-Storage $store.FullName
            }
            sync
        }
        $baseline = $results[0].MedianMs
        foreach ($result in $results) {
            $ratio = if ($result -eq $results[0]) { '' } else { [math]::Round($baseline / $result.MedianMs, 2) }
            $goal = if ($result.Tool -eq 'buildah build') { "<= $($ratioGoals[$mode])" } else { '' }
            $met = if ($goal) { if ($ratio -le $ratioGoals[$mode]) { 'met' } else { 'NOT met' } } else { '' }
            [pscustomobject]@{ Mode = $mode; Tool = $result.Tool; MedianMs = $result.MedianMs; Runs = $result.Runs
                'ContainerPS/peer' = $ratio; Goal = $goal; Met = $met }
        }
    }
    $rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    $runtimes = ($peers.Keys | ForEach-Object { "$_ with $(Split-Path -Leaf $peers[$_].Runtime)" }) -join ', '
    Write-Host "Peers' OCI runtime: $runtimes; $((Get-Content /proc/loadavg) -replace ' .*$') load average at the end."
}
finally {
    foreach ($tool in $peers.Keys) {
        & $tool @($peers[$tool].Storage) rm --all 2>&1 | Out-Null
        if ($tool -eq 'podman') { & podman @($peers[$tool].Storage) system reset --force 2>&1 | Out-Null }
    }
    Remove-Storage $scratch
    $left = @(Get-Content /proc/mounts | Where-Object { ($_ -split ' ')[1].StartsWith($scratch) })
    if ($left) { Write-Host "Mounts left under ${scratch}: $($left -join '; ')" -ForegroundColor Yellow }
}
