<#
.SYNOPSIS
    Exec benchmark: `true` run in an already running busybox container, ContainerPS against runc and podman.
.DESCRIPTION
    In one run, after two warm-ups each, the median of 20 of:
      - Invoke-ContainerCommand <container> -Command true in a warm pwsh session (module imported, the container
        started with Start-Container and running `sleep`);
      - containerps-shim exec on that container, started from pwsh as the engine starts it but without the engine
        (the supervisor's share of the time: sealed memfd re-exec, joins, execve);
      - runc exec <id> true on a runc container of the same image (umoci unpack bundle, running `sleep`);
      - podman exec on a podman container of the same image (where runc under podman cannot set rlimits, podman runs
        with bench/runc-without-rlimits.sh, and a second row takes that wrapper's measured cost off podman's time).
#>
param(
    [Parameter(Mandatory)] [string] $Registry,
    [Parameter(Mandatory)] [string] $ImagesFile,
    [int] $Runs = 20
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$repoRoot = Split-Path -Parent $PSScriptRoot
$modulePath = Join-Path $repoRoot 'out/ContainerPS'
Import-Module (Join-Path $modulePath 'ContainerPS.psd1') -Force
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
$PSDefaultParameterValues['Measure-Median:Runs'] = $PSDefaultParameterValues['Measure-Peer:Runs'] = $Runs
$busybox = @((Get-Content -Raw $ImagesFile | ConvertFrom-Json).images | Where-Object name -eq 'busybox')[0]
$reference = $busybox.reference
$scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "cps-execbench-$PID")).FullName
$root = Join-Path $scratch 'store'
$shim = Join-Path $modulePath 'containerps-shim'

# Detached containers keep stdio open: start them with it on /dev/null so no pipe waits for their end.
function Start-Detached([string] $command) {
    Invoke-Native bash @('-c', "$command </dev/null >/dev/null 2>&1")
}

$runc = @('--root', "$scratch/runc")
$podmanRuntime = $null
$podman = @('--root', "$scratch/podman", '--runroot', "$scratch/podman-run", '--storage-driver', 'overlay',
    '--cgroup-manager', 'cgroupfs', '--events-backend', 'file')
try {
    $null = Request-Image $reference -Root $root -ProgressAction SilentlyContinue
    $container = Start-Container -Root $root -Image $reference -Name execbench -Network None -Command sleep, 100000 -PullPolicy Never
    $stateRoot = [ContainerPS.Engine.Runtime.ContainerService]::new($root).StateRoot
    Set-Content -LiteralPath "$scratch/true.json" -Value (@{ args = @('true'); cwd = '/'; env = @('PATH=/bin:/usr/bin') } | ConvertTo-Json)

    $results = @(
        Measure-Median 'ContainerPS Invoke-ContainerCommand' { param($i)
            Invoke-ContainerCommand -Root $root -Name execbench -Command true }
        Measure-Median 'containerps-shim exec (no engine)' { param($i)
            Invoke-Native $shim @('--root', $stateRoot, 'exec', '--process', "$scratch/true.json", $container.Id) }
        Measure-Peer 'runc exec (umoci bundle)' -Setup {
            New-RuncBundle "$scratch/bundle" "$($busybox.layoutPath):$($busybox.layoutTag)" /bin/sleep, 100000
            Start-Detached "runc --root '$scratch/runc' run -d --bundle '$scratch/bundle' execbench"
        } -Run { param($i) Invoke-Native runc ($runc + @('exec', 'execbench', 'true')) }
        Measure-Peer 'podman exec' -Setup {
            Invoke-Native podman ($podman + @('pull', '--quiet', '--tls-verify=false', $reference))
            $script:podmanRuntime = Select-PodmanRuntime $podman $reference
            $script:podman += @('--runtime', $podmanRuntime)
            Invoke-Native podman ($podman + @('run', '-d', '--name', 'execbench', '--network', 'none', $reference, 'sleep', '100000'))
        } -Run { param($i) Invoke-Native podman ($podman + @('exec', 'execbench', 'true')) }
    )
    if ($podmanRuntime -notin 'runc', $null -and (Test-Path "$scratch/bundle/config.json")) {
        $wrapper = Measure-RuntimeWrapper "$scratch/bundle/config.json" $scratch $Runs
        $results += [pscustomobject]@{ Tool = "podman exec, less the wrapper's $wrapper ms"; MedianMs = $results[3].MedianMs - $wrapper; Runs = $Runs; Note = '' }
    }
    $baseline = $results[0].MedianMs
    $results | ForEach-Object {
        $_ | Add-Member -PassThru -NotePropertyName 'RatioToContainerPS' -NotePropertyValue ([math]::Round($_.MedianMs / $baseline, 2))
    } | Format-Table Tool, MedianMs, Runs, RatioToContainerPS, Note -AutoSize -Wrap | Out-String -Width 200 | Write-Host
}
finally {
    Remove-Container -Root $root -Name execbench -Force -ErrorAction SilentlyContinue
    & runc @runc delete --force execbench 2>$null
    & podman @podman rm --force --time 0 execbench 2>$null | Out-Null
    & podman @podman system reset --force 2>$null | Out-Null
    Get-Content /proc/mounts | ForEach-Object { ($_ -split ' ')[1] } | Where-Object { $_.StartsWith($scratch) } |
        Sort-Object -Descending | ForEach-Object { umount -l $_ 2>$null }
    Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
}
