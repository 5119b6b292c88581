# What the benchmarks share: running a peer's command, medians, runc bundles of the test image, and the OCI runtime
# podman gets. Each benchmark sets $PSDefaultParameterValues for Measure-Median's and Measure-Peer's -Runs to its own.
Set-StrictMode -Version Latest

function Invoke-Native([string] $file, [string[]] $arguments) {
    $output = & $file @arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "$file $($arguments -join ' ') failed with exit code ${LASTEXITCODE}: $($output | Select-Object -Last 1)" }
}

# The median of $Runs timed runs after two warm-ups; the run's number is the block's argument.
function Measure-Median([string] $Name, [scriptblock] $Run, [int] $Runs = 20) {
    $times = foreach ($i in 1..($Runs + 2)) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & $Run $i
        $watch.Stop()
        if ($i -gt 2) { $watch.Elapsed.TotalMilliseconds }
    }
    $sorted = @($times | Sort-Object)
    [pscustomobject]@{ Tool = $Name; MedianMs = [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 1); Runs = $sorted.Count; Note = '' }
}

# Medians of several variants of one run, taken in turn (A, B, A, B, ...) so that a machine that slows down or speeds
# up during the benchmark shifts them alike: their difference is what one option costs. $BeforeEach runs untimed
# before every block (a `sync`, so that no run waits on the disk for what the previous one left dirty).
function Measure-Interleaved([string[]] $Names, [scriptblock[]] $Blocks, [int] $Runs = 20, [scriptblock] $BeforeEach = {}) {
    $times = @{}
    foreach ($name in $Names) { $times[$name] = [Collections.Generic.List[double]]::new() }
    foreach ($i in 1..($Runs + 2)) {
        for ($v = 0; $v -lt $Names.Count; $v++) {
            & $BeforeEach
            $watch = [Diagnostics.Stopwatch]::StartNew()
            & $Blocks[$v] $i
            $watch.Stop()
            if ($i -gt 2) { $times[$Names[$v]].Add($watch.Elapsed.TotalMilliseconds) }
        }
    }
    foreach ($name in $Names) {
        $sorted = @($times[$name] | Sort-Object)
        [pscustomobject]@{ Tool = $name; MedianMs = [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 2); Runs = $sorted.Count; Note = '' }
    }
}

# What $With costs over $Without: both run in each of $Runs rounds, in alternating order (so neither always runs on
# the other's warm caches), after two warm-up rounds; the median and quartiles of the rounds' differences in ms. A
# median of paired differences holds still where the difference of two medians wanders by the noise of either.
function Measure-PairedCost([scriptblock] $Without, [scriptblock] $With, [int] $Runs = 100) {
    $differences = foreach ($i in 1..($Runs + 2)) {
        $order = if ($i % 2) { $Without, $With } else { $With, $Without }
        $elapsed = @{}
        foreach ($block in $order) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            & $block $i
            $elapsed[$block] = $watch.Elapsed.TotalMilliseconds
        }
        if ($i -gt 2) { $elapsed[$With] - $elapsed[$Without] }
    }
    $sorted = @($differences | Sort-Object)
    $at = { param($fraction) [math]::Round($sorted[[int][math]::Floor(($sorted.Count - 1) * $fraction)], 2) }
    [pscustomobject]@{ MedianMs = & $at 0.5; LowerQuartileMs = & $at 0.25; UpperQuartileMs = & $at 0.75; Runs = $sorted.Count }
}

# A peer that cannot run on this machine is reported with its reason instead of stopping the comparison.
function Measure-Peer([string] $Name, [scriptblock] $Run, [scriptblock] $Setup = {}, [int] $Runs = 20) {
    try {
        & $Setup
        Measure-Median $Name $Run $Runs
    }
    catch {
        Write-Host "$Name could not run here: $($_.Exception.Message)" -ForegroundColor Yellow
        [pscustomobject]@{ Tool = $Name; MedianMs = [double]::NaN; Runs = 0; Note = $_.Exception.Message }
    }
}

# An OCI bundle of an image in an OCI layout (umoci unpack), running $Arguments without a terminal.
function New-RuncBundle([string] $Bundle, [string] $Image, [string[]] $Arguments) {
    Invoke-Native umoci @('unpack', '--image', $Image, $Bundle)
    $config = Get-Content -Raw "$Bundle/config.json" | ConvertFrom-Json
    $config.process.args = $Arguments
    $config.process.terminal = $false
    $config | ConvertTo-Json -Depth 30 | Set-Content "$Bundle/config.json"
}

# The OCI runtime podman gets. runc, under podman, sets RLIMIT_NOFILE/NPROC for the container; a root
# without CAP_SYS_RESOURCE is refused that, even for the current values (this development sandbox is), so podman then
# runs with runc-without-rlimits.sh, which drops process.rlimits from the bundle and execs runc. The benchmarks measure
# that rewrite on its own (Measure-RuntimeWrapper) so its cost can be taken off podman's figure.
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

Export-ModuleMember -Function Invoke-Native, Measure-Median, Measure-Interleaved, Measure-PairedCost, Measure-Peer, New-RuncBundle, Select-PodmanRuntime, Measure-RuntimeWrapper
