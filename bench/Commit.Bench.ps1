<#
.SYNOPSIS
    Commit benchmark: New-Image -Container against podman commit of a container with the same written files.
.DESCRIPTION
    One busybox container each (ContainerPS and podman, -Network none, running sleep) writes the same files: 2,500
    files of 40 KiB in 25 directories, about 100 MB (dd from /dev/urandom inside the container). Then, in one run, the median of 5
    commits of each: New-Image -Container in a warm pwsh session (gzip, paused), and podman commit (gzip, paused).
#>
param(
    [Parameter(Mandatory)] [string] $Registry,
    [Parameter(Mandatory)] [string] $ImagesFile,
    [int] $Runs = 5
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$repoRoot = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $repoRoot 'out/ContainerPS/ContainerPS.psd1') -Force
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
$reference = @((Get-Content -Raw $ImagesFile | ConvertFrom-Json).images | Where-Object name -eq 'busybox')[0].reference
$scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "cps-commitbench-$PID")).FullName
$root = Join-Path $scratch 'store'
$podman = @('--root', "$scratch/podman", '--runroot', "$scratch/podman-run", '--storage-driver', 'overlay',
    '--cgroup-manager', 'cgroupfs', '--events-backend', 'file')
# The same files in both containers: 25 directories of 100 files of 40 KiB each (100 MB, incompressible).
$writeFiles = 'for d in $(seq 1 25); do mkdir -p /work/$d; for f in $(seq 1 100); do dd if=/dev/urandom of=/work/$d/$f bs=40960 count=1 2>/dev/null; done; done'
try {
    $null = Request-Image $reference -Root $root -ProgressAction SilentlyContinue
    $null = Start-Container -Root $root -Image $reference -Name commitbench -Network None -Command sleep, 100000 -PullPolicy Never
    Invoke-ContainerCommand -Root $root -Name commitbench -Command busybox, sh, -c, $writeFiles

    $results = @(
        Measure-Median 'ContainerPS New-Image -Container' -Runs $Runs { param($i)
            $null = New-Image -Container commitbench -Reference "localhost/commitbench:$i" -Root $root }
        Measure-Peer 'podman commit' -Runs $Runs -Setup {
            Invoke-Native podman ($podman + @('pull', '--quiet', '--tls-verify=false', $reference))
            $runtime = Select-PodmanRuntime $podman $reference
            $script:podman += @('--runtime', $runtime)
            Invoke-Native podman ($podman + @('run', '-d', '--name', 'commitbench', '--network', 'none', $reference, 'sleep', '100000'))
            Invoke-Native podman ($podman + @('exec', 'commitbench', 'busybox', 'sh', '-c', $writeFiles))
        } -Run { param($i) Invoke-Native podman ($podman + @('commit', '--quiet', 'commitbench', "localhost/commitbench:$i")) }
    )
    $baseline = $results[0].MedianMs
    $results | ForEach-Object {
        $_ | Add-Member -PassThru -NotePropertyName 'RatioToContainerPS' -NotePropertyValue ([math]::Round($_.MedianMs / $baseline, 2))
    } | Format-Table Tool, MedianMs, Runs, RatioToContainerPS, Note -AutoSize -Wrap | Out-String -Width 200 | Write-Host
}
finally {
    Remove-Container -Root $root -Name commitbench -Force -ErrorAction SilentlyContinue
    & podman @podman rm --force --time 0 commitbench 2>$null | Out-Null
    & podman @podman system reset --force 2>$null | Out-Null
    Get-Content /proc/mounts | ForEach-Object { ($_ -split ' ')[1] } | Where-Object { $_.StartsWith($scratch) } |
        Sort-Object -Descending | ForEach-Object { umount -l $_ 2>$null }
    Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
}
