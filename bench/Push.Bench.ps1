<#
.SYNOPSIS
    Push benchmark: Publish-Image against skopeo copy and podman push of the same image to an empty registry.
.DESCRIPTION
    Pulls the ~100 MB multi-layer gzip bench image into a ContainerPS store and into a podman store (vfs), and saves an
    OCI layout of it for skopeo (Export-Image -Format OciLayout: the same compressed blobs). Then, five times per tool
    after two warm-ups, in turn: start an empty loopback registry (not timed), push the image to it (timed), stop it
    and drop its storage (not timed). An empty registry each time means nothing is skipped or mounted: every blob goes
    up. ContainerPS and skopeo send the stored gzip blobs; podman keeps layers uncompressed and compresses on push.
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
Import-Module (Join-Path $repoRoot 'tests/fixtures/TestRegistry.psm1') -Force
$big = @((Get-Content -Raw $ImagesFile | ConvertFrom-Json).images | Where-Object name -eq 'big')[0]
if (-not $big) { throw "The bench image 'big' is not in $ImagesFile; publish with -IncludeBench." }
$reference = $big.reference
$scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "cps-push-bench-$PID")).FullName
$root = Join-Path $scratch 'store'
$layout = Join-Path $scratch 'layout'
$podman = @('--root', "$scratch/podman", '--runroot', "$scratch/podman-run", '--storage-driver', 'vfs')

$pushes = [ordered]@{
    'ContainerPS Publish-Image' = { param($target) $null = Publish-Image $reference -Destination $target -Root $root -ProgressAction SilentlyContinue }
    'skopeo copy oci: docker://' = { param($target) Invoke-Native skopeo @('copy', '--quiet', '--dest-tls-verify=false', "oci:$layout", "docker://$target") }
    'podman push' = { param($target) Invoke-Native podman ($podman + @('push', '--quiet', '--tls-verify=false', $reference, "docker://$target")) }
}

# One timed push into a registry that holds nothing; the registry's start and stop are outside the time.
function Measure-PushToEmptyRegistry([scriptblock] $Push, [int] $Run) {
    $state = Join-Path $scratch "registry-$Run"
    $empty = Start-TestRegistry -StateDirectory $state
    try {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & $Push "$($empty.Address)/bench/big:$Run"
        $watch.Elapsed.TotalMilliseconds
    }
    finally {
        Stop-TestRegistry $empty
        Remove-Item -Recurse -Force $state
    }
}

try {
    $null = Request-Image $reference -Root $root -ProgressAction SilentlyContinue
    Export-Image $reference -Root $root -Path $layout -Format OciLayout -ProgressAction SilentlyContinue
    Invoke-Native podman ($podman + @('pull', '--quiet', '--tls-verify=false', $reference))

    $times = @{}
    foreach ($name in $pushes.Keys) { $times[$name] = [Collections.Generic.List[double]]::new() }
    foreach ($i in 1..($Runs + 2)) {
        foreach ($name in $pushes.Keys) {
            $elapsed = Measure-PushToEmptyRegistry $pushes[$name] $i
            if ($i -gt 2) { $times[$name].Add($elapsed) }
        }
    }
    $results = foreach ($name in $pushes.Keys) {
        $sorted = @($times[$name] | Sort-Object)
        [pscustomobject]@{ Tool = $name; MedianMs = [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 1); Runs = $sorted.Count }
    }
    $baseline = $results[0].MedianMs
    $results | ForEach-Object {
        $_ | Add-Member -PassThru -NotePropertyName 'RatioToContainerPS' -NotePropertyValue ([math]::Round($_.MedianMs / $baseline, 2))
    } | Format-Table -AutoSize | Out-String | Write-Host
}
finally {
    & podman @podman system reset --force 2>&1 | Out-Null
    Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
}
