<#
.SYNOPSIS
    Run benchmark: a busybox `true` container, start to exit and removal, ContainerPS against podman and runc.
.DESCRIPTION
    In one run, after two warm-ups each, the median of 20 of:
      - Start-Container -Image <busybox> -Network None -Command true -Wait -AutoRemove in a warm pwsh session (module imported,
        image already in the store);
      - podman run --rm --network none of the same image (already pulled into its own fresh store; runc as runtime,
        since crun refuses hybrid cgroup hosts). Where runc under podman cannot set the container's rlimits (a root
        without CAP_SYS_RESOURCE), podman runs with bench/runc-without-rlimits.sh as its runtime, and the cost of that
        wrapper's config rewrite, measured alone, is taken off podman's figure in a second row;
      - runc run on a bundle of the same image unpacked by umoci (args changed to /bin/true);
      - the seccomp filter's cost: Start-Container with the default profile and with -SecurityOption
        seccomp=unconfined taken in turn, and runc on the same bundle with and without the very linux.seccomp
        ContainerPS writes for a default container, also in turn, as table rows; then, as the figure, the median
        and quartiles of 100 rounds' paired differences of each (Measure-PairedCost, -CostRuns).
    Then it starts 50 containers running `sleep`, reads the resident set of their 50 supervisors, and removes them.
#>
param(
    [Parameter(Mandatory)] [string] $Registry,
    [Parameter(Mandatory)] [string] $ImagesFile,
    [int] $Runs = 20,
    # Rounds of the seccomp filter's paired cost (Measure-PairedCost): a sub-millisecond difference needs many.
    [int] $CostRuns = 100,
    [int] $MemoryContainers = 50
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$repoRoot = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $repoRoot 'out/ContainerPS/ContainerPS.psd1') -Force
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
$PSDefaultParameterValues['Measure-Median:Runs'] = $PSDefaultParameterValues['Measure-Peer:Runs'] = $Runs
$busybox = @((Get-Content -Raw $ImagesFile | ConvertFrom-Json).images | Where-Object name -eq 'busybox')[0]
$reference = $busybox.reference
$scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "cps-runbench-$PID")).FullName
$root = Join-Path $scratch 'store'

function Measure-SupervisorMemory {
    $names = 1..$MemoryContainers | ForEach-Object { "mem$_" }
    foreach ($name in $names) { $null = Start-Container -Root $root -Image $reference -Name $name -Network None -Command sleep, 600 }
    $supervisors = Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$' | Where-Object {
        $cmdline = Get-Content -Raw -ErrorAction SilentlyContinue "$($_.FullName)/cmdline"
        # A supervisor is the child that `create` forked (native/detach.c): its command line is create's.
        $cmdline -and $cmdline.Contains('containerps-shim') -and $cmdline.Contains("`0create`0") -and $cmdline.Contains($scratch)
    }
    $rss = foreach ($process in $supervisors) {
        [double]((Select-String -Path "$($process.FullName)/status" -Pattern '^VmRSS:\s+(\d+)').Matches[0].Groups[1].Value) / 1024
    }
    $names | ForEach-Object { Remove-Container -Root $root -Name $_ -Force }
    [pscustomobject]@{
        Containers = $MemoryContainers; Supervisors = @($rss).Count
        MeanRssMiB = [math]::Round(($rss | Measure-Object -Average).Average, 2)
        MaxRssMiB = [math]::Round(($rss | Measure-Object -Maximum).Maximum, 2)
    }
}

try {
    $null = Request-Image $reference -Root $root -ProgressAction SilentlyContinue
    $podman = @('--root', "$scratch/podman", '--runroot', "$scratch/podman-run", '--storage-driver', 'overlay',
        '--cgroup-manager', 'cgroupfs', '--events-backend', 'file')
    Invoke-Native podman ($podman + @('pull', '--quiet', '--tls-verify=false', $reference))
    New-RuncBundle "$scratch/bundle" "$($busybox.layoutPath):$($busybox.layoutTag)" /bin/true
    $podmanRuntime = Select-PodmanRuntime $podman $reference

    # The filter as runc gets it: the same linux.seccomp ContainerPS writes for a default container, on the same bundle.
    $probe = New-Container -Root $root -Image $reference -Network None -Command true -PullPolicy Never
    $seccomp = (Get-Content -Raw (Join-Path $root "containers/$($probe.Id)/config.json") | ConvertFrom-Json).linux.seccomp
    Remove-Container -Root $root -Id $probe.Id
    $filtered = New-Item -ItemType Directory -Path "$scratch/bundle-seccomp"
    $config = Get-Content -Raw "$scratch/bundle/config.json" | ConvertFrom-Json
    $config.root.path = "$scratch/bundle/rootfs"
    $config.linux | Add-Member -Force -NotePropertyName seccomp -NotePropertyValue $seccomp
    $config | ConvertTo-Json -Depth 30 -Compress | Set-Content "$filtered/config.json"

    $confined = Measure-Interleaved 'ContainerPS Start-Container -Wait', 'ContainerPS ... -SecurityOption seccomp=unconfined' @(
        { param($i) Start-Container -Root $root -Image $reference -Network None -Command true -Wait -AutoRemove -PullPolicy Never }
        { param($i) Start-Container -Root $root -Image $reference -Network None -Command true -Wait -AutoRemove -PullPolicy Never -SecurityOption seccomp=unconfined }
    )
    $runc = Measure-Interleaved 'runc run (umoci bundle)', 'runc run, docker''s default profile' @(
        { param($i) Invoke-Native runc @('--root', "$scratch/runc", 'run', '--bundle', "$scratch/bundle", "bench$i") }
        { param($i) Invoke-Native runc @('--root', "$scratch/runc", 'run', '--bundle', $filtered, "benchs$i") }
    )
    $results = @(
        $confined
        Measure-Peer "podman run --rm ($(Split-Path -Leaf $podmanRuntime))" { param($i)
            Invoke-Native podman ($podman + @('--runtime', $podmanRuntime, 'run', '--rm', '--network', 'none', $reference, 'true')) }
        $runc
    )
    if ($podmanRuntime -ne 'runc') {
        $wrapper = Measure-RuntimeWrapper "$scratch/bundle/config.json" $scratch $Runs
        $results += [pscustomobject]@{ Tool = "podman run --rm, less the wrapper's $wrapper ms"; MedianMs = $results[2].MedianMs - $wrapper; Runs = $Runs }
    }
    $baseline = $results[0].MedianMs
    $results | ForEach-Object {
        $_ | Add-Member -PassThru -NotePropertyName 'RatioToContainerPS' -NotePropertyValue ([math]::Round($_.MedianMs / $baseline, 2))
    } | Format-Table Tool, MedianMs, Runs, RatioToContainerPS -AutoSize | Out-String -Width 200 | Write-Host

    $containerPSCost = Measure-PairedCost `
        { param($i) Start-Container -Root $root -Image $reference -Network None -Command true -Wait -AutoRemove -PullPolicy Never -SecurityOption seccomp=unconfined } `
        { param($i) Start-Container -Root $root -Image $reference -Network None -Command true -Wait -AutoRemove -PullPolicy Never } -Runs $CostRuns
    $runcCost = Measure-PairedCost `
        { param($i) Invoke-Native runc @('--root', "$scratch/runc", 'run', '--bundle', "$scratch/bundle", "costa$i") } `
        { param($i) Invoke-Native runc @('--root', "$scratch/runc", 'run', '--bundle', $filtered, "costb$i") } -Runs $CostRuns
    Write-Host ("The seccomp filter per start (docker's default profile, cached compile), median of $CostRuns paired runs " +
        '[quartiles]: ContainerPS {0:N2} ms [{1:N2}, {2:N2}], runc {3:N2} ms [{4:N2}, {5:N2}]' -f
        $containerPSCost.MedianMs, $containerPSCost.LowerQuartileMs, $containerPSCost.UpperQuartileMs,
        $runcCost.MedianMs, $runcCost.LowerQuartileMs, $runcCost.UpperQuartileMs)

    Write-Host 'Supervisor memory with running containers:'
    Measure-SupervisorMemory | Format-Table -AutoSize | Out-String | Write-Host
}
finally {
    Get-Content /proc/mounts | ForEach-Object { ($_ -split ' ')[1] } | Where-Object { $_.StartsWith($scratch) } |
        Sort-Object -Descending | ForEach-Object { umount -l $_ 2>$null }
    Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
}
