<#
.SYNOPSIS
    Pull benchmark: ContainerPS against podman, skopeo + umoci and tar on the same image, in one run.
.DESCRIPTION
    Pulls and unpacks the ~100 MB multi-layer gzip bench image from the loopback registry into an empty store, five
    times per tool, and prints the median of each with its ratio to ContainerPS:
      - Request-Image in a warm pwsh session (the module already imported), into a fresh -Root;
      - podman pull into a fresh --root (empty store);
      - skopeo copy to a fresh OCI layout, then umoci unpack of it;
      - tar -xzf of the same layer files, one after another, into an empty directory.
    PullMemory.Bench.ps1 measures memory; this script measures time.
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
$images = (Get-Content -Raw $ImagesFile | ConvertFrom-Json).images
$big = @($images | Where-Object name -eq 'big')[0]
if (-not $big) { throw "The bench image 'big' is not in $ImagesFile; publish with -IncludeBench." }
$reference = $big.reference
$scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "cps-bench-$PID")).FullName

function Measure-Median {
    param([string] $Name, [scriptblock] $Prepare, [scriptblock] $Run)
    $times = foreach ($i in 1..$Runs) {
        $dir = Join-Path $scratch "$Name-$i"
        & $Prepare $dir
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & $Run $dir
        $watch.Stop()
        $watch.Elapsed.TotalSeconds
        Remove-BenchDirectory $dir
    }
    $sorted = @($times | Sort-Object)
    [pscustomobject]@{ Tool = $Name; MedianSeconds = [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 3); Runs = $sorted.Count }
}

function Remove-BenchDirectory([string] $dir) {
    if (Test-Path $dir) {
        # podman leaves overlay mounts under its root; unmount before deleting
        Get-Content /proc/mounts | ForEach-Object { ($_ -split ' ')[1] } | Where-Object { $_.StartsWith($dir) } |
            Sort-Object -Descending | ForEach-Object { umount -l $_ 2>$null }
        Remove-Item -Recurse -Force $dir
    }
}

function Invoke-Native([string] $file, [string[]] $arguments) {
    & $file @arguments > $null 2>&1
    if ($LASTEXITCODE -ne 0) { throw "$file $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$noPrep = { param($dir) $null = New-Item -ItemType Directory -Path $dir }
$results = @(
    Measure-Median 'ContainerPS' $noPrep { param($dir) $null = Request-Image -Reference $reference -Root $dir -ProgressAction SilentlyContinue }
    Measure-Median 'podman pull' $noPrep { param($dir)
        Invoke-Native podman @('--root', "$dir/root", '--runroot', "$dir/run", '--storage-driver', 'overlay', 'pull', '--quiet', '--tls-verify=false', $reference) }
    Measure-Median 'skopeo copy + umoci unpack' $noPrep { param($dir)
        Invoke-Native skopeo @('copy', '--quiet', '--src-tls-verify=false', "docker://$reference", "oci:$dir/layout:big")
        Invoke-Native umoci @('unpack', '--image', "$dir/layout:big", "$dir/bundle") }
    Measure-Median 'tar -xzf (same layers)' $noPrep { param($dir)
        foreach ($layer in $big.layerFiles) { Invoke-Native tar @('-xzf', $layer, '-C', $dir) } }
)

$baseline = $results[0].MedianSeconds
$results | ForEach-Object {
    $_ | Add-Member -PassThru -NotePropertyName 'RatioToContainerPS' -NotePropertyValue ([math]::Round($_.MedianSeconds / $baseline, 2))
} | Format-Table -AutoSize | Out-String | Write-Host

Remove-BenchDirectory $scratch
