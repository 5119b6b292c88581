<#
.SYNOPSIS
    The OCI runtime conformance suite (opencontainers/runtime-tools' validation programs) against a runtime with runc's
    command line.
.DESCRIPTION
    Build   Extract runtime-tools-5e63903.tar.gz (beside this script) into CacheRoot/<first 16 hex digits of its
            SHA-256>, put in the Go 1.19 stand-ins of go1.19/ (Debian 12's Go is 1.19, the suite wants 1.21), build
            runtimetest and every validation program. A finished build is marked and reused: repeat runs skip Go.
            Writes the suite's directory to the pipeline.
    Run     Build (or reuse), then run every validation program with RUNTIME=<Runtime>, from the suite's directory
            (the programs unpack rootfs-amd64.tar.gz and copy runtimetest from there), each under a timeout. Each
            program's output goes to ResultDirectory/<program>.tap, and ResultDirectory/results.json holds one record
            per program; -PassThru also writes those records to the pipeline.
    Counting: a TAP line `ok N` is ok, `not ok N` is not-ok, `ok N # SKIP` is skip (not ok); a program that prints no
    `ok`/`not ok` line at all (it timed out, or failed before its first test) counts once under no-tap.
.EXAMPLE
    ./tests/conformance/Invoke-RuntimeConformance.ps1 -Action Run -Runtime /usr/sbin/runc -ResultDirectory /tmp/runc
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Run')] [string] $Action = 'Run',
    # Run only: the runtime executable (runc's command line: create, start, state, kill, delete).
    [string] $Runtime,
    # Run only: where the TAP files and results.json go (emptied first).
    [string] $ResultDirectory,
    # Where built suites are kept, one directory per tarball hash.
    [string] $CacheRoot = (Join-Path $PSScriptRoot '../../.tmp/conformance'),
    # Run only: seconds each validation program may take before it is stopped (it then counts as no-tap if silent).
    [int] $TimeoutSeconds = 120,
    # Run only: just these programs (validation/<name>), all of them by default.
    [string[]] $Program,
    # Run only: write the per-program records to the pipeline as well.
    [switch] $PassThru
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$Program = @($Program | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

$Tarball = Join-Path $PSScriptRoot 'runtime-tools-5e63903.tar.gz'
$StandInDirectory = Join-Path $PSScriptRoot 'go1.19'

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments)
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') exited with $LASTEXITCODE" }
}

# The key of a built suite: the tarball's content and the stand-ins' (a changed stand-in rebuilds).
function Get-SuiteKey {
    $sha = [Security.Cryptography.SHA256]::Create()
    $files = @(Get-Item -LiteralPath $Tarball) + @(Get-ChildItem -LiteralPath $StandInDirectory -File | Sort-Object Name)
    foreach ($file in $files) {
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        $null = $sha.TransformBlock($bytes, 0, $bytes.Length, $null, 0)
    }
    $null = $sha.TransformFinalBlock([byte[]]::new(0), 0, 0)
    [Convert]::ToHexString($sha.Hash).Substring(0, 16).ToLowerInvariant()
}

# Renames Go 1.21 calls in one extracted file to the stand-ins' names and drops an import that is then unused.
function Edit-GoSource {
    param([string] $Path, [hashtable] $Rename, [string] $DropImport)
    $text = [IO.File]::ReadAllText($Path)
    foreach ($from in $Rename.Keys) { $text = $text.Replace($from, $Rename[$from]) }
    if ($DropImport) { $text = $text -replace "(?m)^\s*`"$([regex]::Escape($DropImport))`"\r?\n", '' }
    [IO.File]::WriteAllText($Path, $text)
}

function Add-Go119StandIns([string] $Source) {
    $slices = Join-Path $Source 'vendor/slices'
    $null = New-Item -ItemType Directory -Force -Path $slices
    Copy-Item -LiteralPath (Join-Path $StandInDirectory 'slices.go') -Destination $slices
    # Go resolves an import from vendor/ only when vendor/modules.txt lists its module.
    Add-Content -LiteralPath (Join-Path $Source 'vendor/modules.txt') -Value "# slices`n## explicit; go 1.18`nslices"

    $capability = Join-Path $Source 'vendor/github.com/moby/sys/capability'
    Copy-Item -LiteralPath (Join-Path $StandInDirectory 'capability_go119_linux.go') -Destination $capability
    Edit-GoSource -Path (Join-Path $capability 'capability_linux.go') -DropImport 'sync' -Rename @{
        'sync.OnceValues(' = 'go119OnceValues('; 'strings.CutPrefix(' = 'go119CutPrefix('
    }

    $capabilities = Join-Path $Source 'validate/capabilities'
    Copy-Item -LiteralPath (Join-Path $StandInDirectory 'capabilities_go119.go') -Destination $capabilities
    Edit-GoSource -Path (Join-Path $capabilities 'validate.go') -DropImport 'sync' -Rename @{ 'sync.OnceValue(' = 'go119OnceValue(' }
}

function Get-ValidationName([string] $Suite) {
    Get-ChildItem -LiteralPath (Join-Path $Suite 'validation') -Directory | Where-Object Name -NE 'util' |
        Sort-Object Name | ForEach-Object Name
}

# Builds into a scratch directory and renames it into place, so an interrupted build is never mistaken for a cached one.
function Build-Suite {
    $suite = Join-Path ([IO.Path]::GetFullPath($CacheRoot)) (Get-SuiteKey)
    $marker = Join-Path $suite '.built'
    if (Test-Path -LiteralPath $marker) {
        Write-Host "Conformance suite cached in $suite"
        return $suite
    }
    if (-not (Get-Command go -ErrorAction SilentlyContinue)) { throw 'go is missing: install golang-go (./build.sh does).' }
    $scratch = "$suite.building"
    Remove-Item -Recurse -Force -LiteralPath $scratch, $suite -ErrorAction SilentlyContinue
    $null = New-Item -ItemType Directory -Force -Path $scratch
    Invoke-Native tar @('-xzf', $Tarball, '-C', $scratch, '--strip-components=1')
    Add-Go119StandIns $scratch
    # Everything the build needs is vendored: no module download, no network. The variables are put back afterwards
    # (build.ps1 runs this in its own process).
    $saved = @{}
    foreach ($name in 'GOFLAGS', 'GOPROXY', 'GOCACHE', 'CGO_ENABLED') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    $env:GOFLAGS = '-mod=vendor'
    $env:GOPROXY = 'off'
    $env:GOCACHE = Join-Path ([IO.Path]::GetFullPath($CacheRoot)) 'gocache'
    Push-Location $scratch
    try {
        # runtimetest runs inside the containers' busybox rootfs: static.
        $env:CGO_ENABLED = '0'
        Invoke-Native go @('build', '-o', 'runtimetest', './cmd/runtimetest')
        $env:CGO_ENABLED = $saved.CGO_ENABLED
        $null = New-Item -ItemType Directory -Path 'bin'
        $names = @(Get-ValidationName $scratch)
        # One go build for all of them shares the compilation; should one not build, build the rest one by one.
        & go build -o bin/ @($names | ForEach-Object { "./validation/$_" }) | Out-Host
        if ($LASTEXITCODE -ne 0) {
            foreach ($name in $names | Where-Object { -not (Test-Path -LiteralPath "bin/$_") }) {
                & go build -o "bin/$name" "./validation/$name" | Out-Host
                if ($LASTEXITCODE -ne 0) { Write-Warning "validation/$name did not build" }
            }
        }
    }
    finally {
        Pop-Location
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    $built = @(Get-ChildItem -LiteralPath (Join-Path $scratch 'bin') -File).Count
    if ($built -eq 0) { throw 'no validation program built' }
    Set-Content -LiteralPath (Join-Path $scratch '.built') -Value (Get-Date -AsUTC -Format o)
    Move-Item -LiteralPath $scratch -Destination $suite
    Write-Host "Built runtimetest and $built validation programs in $suite"
    $suite
}

# One program's TAP, counted.
function Measure-Tap([string[]] $Lines) {
    $ok = 0; $notOk = 0; $skip = 0
    foreach ($line in $Lines) {
        if ($line -match '^not ok \d+') { $notOk++ }
        elseif ($line -match '^ok \d+.*#\s*SKIP') { $skip++ }
        elseif ($line -match '^ok \d+') { $ok++ }
    }
    [pscustomobject]@{ Ok = $ok; NotOk = $notOk; Skip = $skip; NoTap = [int]($ok + $notOk + $skip -eq 0) }
}

function Invoke-Suite([string] $Suite) {
    if (-not $Runtime -or -not (Test-Path -LiteralPath $Runtime -PathType Leaf)) { throw "-Runtime must name an executable: '$Runtime'" }
    if (-not $ResultDirectory) { throw '-ResultDirectory is required' }
    $runtimePath = (Resolve-Path -LiteralPath $Runtime).Path
    Remove-Item -Recurse -Force -LiteralPath $ResultDirectory -ErrorAction SilentlyContinue
    $null = New-Item -ItemType Directory -Force -Path $ResultDirectory
    $programs = @(Get-ChildItem -LiteralPath (Join-Path $Suite 'bin') -File | Sort-Object Name)
    if ($Program) { $programs = @($programs | Where-Object Name -In $Program) }
    $records = [Collections.Generic.List[object]]::new()
    $env:RUNTIME = $runtimePath
    Push-Location $Suite
    try {
        foreach ($file in $programs) {
            $timer = [Diagnostics.Stopwatch]::StartNew()
            # timeout stops a program that hangs (TERM, then KILL 10 s later); its TAP so far still counts.
            $lines = @(& timeout -k 10 $TimeoutSeconds $file.FullName 2>&1 | ForEach-Object { "$_" })
            $exitCode = $LASTEXITCODE
            [IO.File]::WriteAllLines((Join-Path $ResultDirectory "$($file.Name).tap"), [string[]] $lines)
            $count = Measure-Tap $lines
            $record = [pscustomobject]@{
                Program = $file.Name; Ok = $count.Ok; NotOk = $count.NotOk; Skip = $count.Skip; NoTap = $count.NoTap
                ExitCode = $exitCode; TimedOut = ($exitCode -eq 124 -or $exitCode -eq 137)
                Seconds = [Math]::Round($timer.Elapsed.TotalSeconds, 1)
            }
            $records.Add($record)
            Write-Host ('{0,-40} ok {1,4}  not-ok {2,3}  skip {3,3}{4}{5}' -f $record.Program, $record.Ok, $record.NotOk,
                $record.Skip, $(if ($record.NoTap) { '  NO TAP' } else { '' }), $(if ($record.TimedOut) { '  TIMED OUT' } else { '' }))
        }
    }
    finally {
        Pop-Location
        Remove-Item Env:RUNTIME -ErrorAction SilentlyContinue
    }
    $records | ConvertTo-Json -AsArray | Set-Content -LiteralPath (Join-Path $ResultDirectory 'results.json')
    if ($PassThru) { $records }
}

$suite = Build-Suite
if ($Action -eq 'Build') { return $suite }
Invoke-Suite $suite
