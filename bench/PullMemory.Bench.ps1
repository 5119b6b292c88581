<#
.SYNOPSIS
    Peak memory of a pull of an image with one 1 GiB layer, measured in a child pwsh process.
.DESCRIPTION
    Builds the layer with coreutils and tar (a 1 GiB file of text, gzip -1), writes an OCI layout by hand, pushes it
    with skopeo, then pulls it with Request-Image in a fresh pwsh and prints that process's VmHWM (peak resident set)
    after importing the module and after the pull. Streaming download, decompression and unpack should keep the
    growth far below the layer's size.
#>
param([Parameter(Mandatory)] [string] $Registry, [string] $ImagesFile)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$repoRoot = Split-Path -Parent $PSScriptRoot
$work = (New-Item -ItemType Directory -Force -Path (Join-Path ([IO.Path]::GetTempPath()) "cps-bench-memory-$PID")).FullName

function Get-Sha256([string] $path) { 'sha256:' + ((& sha256sum $path) -split ' ')[0] }

function Write-Blob([string] $layout, [string] $path) {
    $digest = Get-Sha256 $path
    Copy-Item $path (Join-Path $layout "blobs/sha256/$($digest.Substring(7))")
    [ordered]@{ digest = $digest; size = (Get-Item $path).Length }
}

function New-GiantLayerLayout([string] $layout) {
    $content = Join-Path $work 'content'
    $null = New-Item -ItemType Directory -Force -Path $content, (Join-Path $layout 'blobs/sha256')
    sh -c "yes 'ContainerPS streams layers: this line repeats to fill one GiB.' 2>/dev/null | head -c 1073741824 > '$content/giant.txt'"
    tar -C $content -cf "$work/layer.tar" giant.txt
    gzip -1 -c "$work/layer.tar" > "$work/layer.tar.gz"
    $diffId = Get-Sha256 "$work/layer.tar"
    Remove-Item "$work/layer.tar", "$content/giant.txt"
    $layer = Write-Blob $layout "$work/layer.tar.gz"
    $config = @{ architecture = 'amd64'; os = 'linux'; rootfs = @{ type = 'layers'; diff_ids = @($diffId) } } | ConvertTo-Json -Depth 5 -Compress
    Set-Content -NoNewline -Path "$work/config.json" -Value $config
    $configBlob = Write-Blob $layout "$work/config.json"
    $manifest = [ordered]@{
        schemaVersion = 2; mediaType = 'application/vnd.oci.image.manifest.v1+json'
        config = [ordered]@{ mediaType = 'application/vnd.oci.image.config.v1+json' } + $configBlob
        layers = @([ordered]@{ mediaType = 'application/vnd.oci.image.layer.v1.tar+gzip' } + $layer)
    } | ConvertTo-Json -Depth 5 -Compress
    Set-Content -NoNewline -Path "$work/manifest.json" -Value $manifest
    $manifestBlob = Write-Blob $layout "$work/manifest.json"
    $index = @{ schemaVersion = 2; manifests = @([ordered]@{ mediaType = 'application/vnd.oci.image.manifest.v1+json' } + $manifestBlob + @{ annotations = @{ 'org.opencontainers.image.ref.name' = 'giant' } }) }
    Set-Content -NoNewline -Path "$layout/index.json" -Value ($index | ConvertTo-Json -Depth 6 -Compress)
    Set-Content -NoNewline -Path "$layout/oci-layout" -Value '{"imageLayoutVersion":"1.0.0"}'
}

$layout = Join-Path $work 'layout'
New-GiantLayerLayout $layout
skopeo copy --quiet --dest-tls-verify=false "oci:${layout}:giant" "docker://$Registry/test/giant:latest"
if ($LASTEXITCODE -ne 0) { throw 'skopeo could not push the 1 GiB layer image' }

$probe = @'
param($module, $reference, $root)
function Get-PeakMiB { [math]::Round(((Select-String -Path /proc/self/status -Pattern '^VmHWM:\s+(\d+)').Matches[0].Groups[1].Value / 1024), 1) }
Import-Module $module
$afterImport = Get-PeakMiB
$null = Request-Image -Reference $reference -Root $root -ProgressAction SilentlyContinue
"{0}|{1}" -f $afterImport, (Get-PeakMiB)
'@
Set-Content -Path "$work/probe.ps1" -Value $probe
$line = dotnet pwsh -NoProfile -File "$work/probe.ps1" (Join-Path $repoRoot 'out/ContainerPS/ContainerPS.psd1') "$Registry/test/giant:latest" "$work/root"
$afterImport, $afterPull = ($line | Select-Object -Last 1) -split '\|'
Write-Host ("Peak RSS of a pwsh process pulling a 1 GiB layer: {0} MiB after Import-Module, {1} MiB after the pull (growth {2} MiB)" -f `
    $afterImport, $afterPull, [math]::Round([double]$afterPull - [double]$afterImport, 1))
Remove-Item -Recurse -Force $work
