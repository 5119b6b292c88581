# The OCI runtime the benchmarks give podman. runc, under podman, sets RLIMIT_NOFILE/NPROC for the container; a root
# without CAP_SYS_RESOURCE is refused that, even for the current values (this development sandbox is), so podman then
# runs with runc-without-rlimits.sh, which drops process.rlimits from the bundle and execs runc. The benchmarks measure
# that rewrite on its own (Measure-RuntimeWrapper) so its cost can be taken off podman's figure.
Set-StrictMode -Version Latest

function Select-PodmanRuntime([string[]] $PodmanArguments, [string] $Reference) {
    $output = & podman @PodmanArguments --runtime runc run --rm --network none $Reference true 2>&1
    if ($LASTEXITCODE -eq 0) { return 'runc' }
    Write-Host "podman with runc could not run here ($($output | Select-Object -Last 1)); using bench/runc-without-rlimits.sh" -ForegroundColor Yellow
    Join-Path $PSScriptRoot 'runc-without-rlimits.sh'
}

# The wrapper's own work on a copy of a bundle's config.json, started from pwsh as podman's conmon starts it: ms per run.
function Measure-RuntimeWrapper([string] $ConfigFile, [string] $Scratch, [int] $Runs) {
    $directory = New-Item -ItemType Directory -Force (Join-Path $Scratch 'wrapper')
    $times = foreach ($i in 1..($Runs + 2)) {
        Copy-Item $ConfigFile (Join-Path $directory 'config.json')
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & sh -c "jq -c 'del(.process.rlimits)' '$directory/config.json' > '$directory/out.json'"
        $watch.Stop()
        if ($i -gt 2) { $watch.Elapsed.TotalMilliseconds }
    }
    $sorted = @($times | Sort-Object)
    [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 1)
}

Export-ModuleMember -Function Select-PodmanRuntime, Measure-RuntimeWrapper
