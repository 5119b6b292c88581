<#
.SYNOPSIS
    Save benchmark: Export-Image against podman save of the same image, in one run.
.DESCRIPTION
    Pulls the ~100 MB multi-layer gzip bench image into a ContainerPS store and into a podman store (vfs), then saves
    it as a docker-archive, five times per tool after two warm-ups, interleaved so a machine that slows down during the
    run shifts both alike, and prints the medians with the ratio to ContainerPS. Both decompress the gzip layers into
    uncompressed layer tars; both write to the same scratch directory. Each run starts after a `sync`: podman does not
    fsync its archive and ContainerPS does, so without it each ContainerPS run would wait for the disk to take the
    previous podman run's 160 MB as well as its own.
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
$images = (Get-Content -Raw $ImagesFile | ConvertFrom-Json).images
$big = @($images | Where-Object name -eq 'big')[0]
if (-not $big) { throw "The bench image 'big' is not in $ImagesFile; publish with -IncludeBench." }
$reference = $big.reference
$scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "cps-save-bench-$PID")).FullName
$root = Join-Path $scratch 'store'
$podman = @('--root', "$scratch/podman", '--runroot', "$scratch/podman-run", '--storage-driver', 'vfs')
try {
    $null = Request-Image $reference -Root $root -ProgressAction SilentlyContinue
    Invoke-Native podman ($podman + @('pull', '--quiet', '--tls-verify=false', $reference))

    $results = @(Measure-Interleaved -Names 'ContainerPS Export-Image', 'podman save' -Runs $Runs -BeforeEach { sync } -Blocks @(
            { param($i) Export-Image $reference -Root $root -Path "$scratch/cps.tar" -Force -ProgressAction SilentlyContinue }
            { param($i) Remove-Item -Force "$scratch/podman.tar" -ErrorAction SilentlyContinue
                Invoke-Native podman ($podman + @('save', '--quiet', '--format', 'docker-archive', '--output', "$scratch/podman.tar", $reference)) }
        ))
    $baseline = $results[0].MedianMs
    $results | ForEach-Object {
        $_ | Add-Member -PassThru -NotePropertyName 'RatioToContainerPS' -NotePropertyValue ([math]::Round($_.MedianMs / $baseline, 2))
    } | Format-Table -AutoSize | Out-String | Write-Host
    Write-Host ("Archive sizes: ContainerPS {0:N0} bytes, podman {1:N0} bytes" -f (Get-Item "$scratch/cps.tar").Length, (Get-Item "$scratch/podman.tar").Length)
}
finally {
    & podman @podman system reset --force 2>&1 | Out-Null
    Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
}
