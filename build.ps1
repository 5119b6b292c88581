<#
.SYNOPSIS
    Builds, tests, benchmarks, demonstrates and packages ContainerPS. Run it through ./build.sh on a fresh machine.
.DESCRIPTION
    Build    dotnet build, then stage the module in out/ContainerPS.
    Test     Build and Package; then, in a network namespace of its own (unshare --net, loopback up), so that the
             bridges, veth pairs and iptables rules the tests make never touch the host's: start a loopback
             docker-registry; push the test images with skopeo; run xunit (the engine's, and the supervisor's on the
             staged containerps-shim, as root) and Pester.
    TestConformance  Build; build the OCI runtime conformance suite (tests/conformance, runtime-tools' validation
             programs; cached in .tmp/conformance per tarball) and run it, in a network namespace of its own, against
             the staged containerps-shim and against Debian's runc (its results cached per runc version and suite);
             print both side by side, write out/TestResults/conformance.json, and fail when ours falls below
             tests/conformance/baseline.json (docs/conformance.md). Test runs these steps too, after the tests.
    TestCgroup2  Build; run the staged containerps-shim on busybox bundles in a pure cgroup-v2 kernel under qemu
             (tests/cgroup2/run-shim-v2.sh through $env:CGROUP2_VM_TOOL, default ../shared/tools/cgroup2-vm.sh).
    Bench    Build; registry; test images plus the ~100 MB bench image; run bench/*.ps1 (or only -BenchPath's).
    Demo     Build; registry; busybox image; pull it with Request-Image and list it with Get-Image.
    Package  Build; make out/repository/ContainerPS.<version>.nupkg of out/ContainerPS with Compress-PSResource:
             out/repository is a PSResourceGet file repository to register and install from (README, "Install").
.EXAMPLE
    ./build.sh -Task Test
.EXAMPLE
    ./build.sh -Task Test -PesterPath ContainerPS.Images.Tests.ps1 -XunitProject None   # one Pester file, no xunit
.EXAMPLE
    ./build.sh -Task Bench -BenchPath Run.Bench.ps1   # one benchmark
#>
[CmdletBinding()]
param(
    # TestPhase is internal: the part of Test that Test runs inside its own network namespace.
    [ValidateSet('Build', 'Test', 'TestPhase', 'TestConformance', 'TestCgroup2', 'Bench', 'Demo', 'Package')] [string] $Task = 'Build',
    [ValidateSet('Release', 'Debug')] [string] $Configuration = 'Release',
    # Test only: run just these Pester files (names or paths under tests/Pester) instead of all of them.
    [string[]] $PesterPath,
    # Test only: run just these xunit projects (Engine, Runtime, Shim), or None; all of them by default.
    [string[]] $XunitProject,
    # Bench only: run just these benchmarks (names or paths of bench/*.ps1) instead of all of them.
    [string[]] $BenchPath
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Through `pwsh -File` (build.sh, the TestPhase re-entry) a list arrives as one comma-separated string.
$PesterPath = @($PesterPath | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$XunitProject = @($XunitProject | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$BenchPath = @($BenchPath | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

$RepoRoot = $PSScriptRoot
$OutDirectory = Join-Path $RepoRoot 'out'
$ModuleDirectory = Join-Path $OutDirectory 'ContainerPS'
$RepositoryDirectory = Join-Path $OutDirectory 'repository'
$WorkDirectory = Join-Path $RepoRoot '.tmp'
$FixturesDirectory = Join-Path $RepoRoot 'tests/fixtures'
$ConformanceDirectory = Join-Path $RepoRoot 'tests/conformance'
$PesterVersion = '6.2.0'
$StepResults = [Collections.Generic.List[object]]::new()
$FailedTests = @()
Import-Module (Join-Path $FixturesDirectory 'TestRegistry.psm1') -Force

#region Steps and native commands

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments)
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') exited with $LASTEXITCODE" }
}

# Runs one named step, records its result and time, and reports failure without stopping the task.
function Invoke-Step {
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [scriptblock] $Action)
    Write-Host "==> $Name" -ForegroundColor Cyan
    $timer = [Diagnostics.Stopwatch]::StartNew()
    $passed = $true
    try { & $Action | Out-Host }
    catch {
        $passed = $false
        Write-Host "$Name failed: $_" -ForegroundColor Red
    }
    $StepResults.Add([pscustomobject]@{
            Step    = $Name
            Result  = if ($passed) { 'passed' } else { 'FAILED' }
            Seconds = [Math]::Round($timer.Elapsed.TotalSeconds, 1)
        })
    $passed
}

# A step that had nothing to do (no tests written yet) is reported as such, neither passed nor failed.
function Add-SkippedStep([string] $Name, [string] $Reason) {
    Write-Host "==> $Name`: $Reason" -ForegroundColor Cyan
    $StepResults.Add([pscustomobject]@{ Step = $Name; Result = "none ($Reason)"; Seconds = 0 })
}

function Write-Summary {
    Write-Host ''
    Write-Host "Summary of '$Task':" -ForegroundColor Cyan
    $StepResults | Format-Table -AutoSize | Out-Host
    if ($FailedTests) {
        Write-Host 'Failed tests:' -ForegroundColor Red
        $FailedTests | ForEach-Object { Write-Host "  $_" }
    }
}

#endregion
#region Build

function Invoke-BuildTask {
    Invoke-Native dotnet @('build', (Join-Path $RepoRoot 'ContainerPS.slnx'), '-c', $Configuration, '-nologo')
    Publish-ModuleFiles
    Publish-Supervisor
}

# The per-container supervisor is a NativeAOT executable (needs gcc or clang for the link and for native/*.c); the
# module carries it next to its assemblies, where the engine looks for it.
function Publish-Supervisor {
    $publishDirectory = Join-Path $OutDirectory 'containerps-shim'
    Invoke-Native dotnet @('publish', (Join-Path $RepoRoot 'src/ContainerPS.Shim'), '-c', $Configuration, '-r', 'linux-x64',
        '-o', $publishDirectory, '-nologo')
    Copy-Item -LiteralPath (Join-Path $publishDirectory 'containerps-shim') -Destination $ModuleDirectory
    Write-Host "Supervisor staged as $(Join-Path $ModuleDirectory 'containerps-shim')"
}

# Lays the module out as Import-Module expects it: manifest, the cmdlet and engine assemblies with their runtime
# dependencies, formats and help.
function Publish-ModuleFiles {
    $buildOutput = Join-Path $RepoRoot "src/ContainerPS/bin/$Configuration/net10.0"
    Remove-Item -Recurse -Force -LiteralPath $ModuleDirectory -ErrorAction SilentlyContinue
    $null = New-Item -ItemType Directory -Force -Path $ModuleDirectory
    foreach ($assembly in 'ContainerPS.dll', 'ContainerPS.Engine.dll', 'ContainerPS.Runtime.dll') {
        Copy-Item -LiteralPath (Join-Path $buildOutput $assembly) -Destination $ModuleDirectory
    }
    foreach ($dependency in Get-RuntimeDependencyPath -DepsFile (Join-Path $buildOutput 'ContainerPS.deps.json')) {
        Copy-Item -LiteralPath $dependency -Destination $ModuleDirectory
    }
    Copy-OptionalModuleFile -Source (Join-Path $RepoRoot 'ContainerPS.psd1')
    Copy-OptionalModuleFile -Source (Join-Path $RepoRoot 'src/ContainerPS/ContainerPS.format.ps1xml')
    Copy-OptionalModuleFile -Source (Join-Path $RepoRoot 'en-US') -Recurse
    Write-Host "Module staged in $ModuleDirectory"
}

function Copy-OptionalModuleFile([string] $Source, [switch] $Recurse) {
    if (Test-Path -LiteralPath $Source) { Copy-Item -LiteralPath $Source -Destination $ModuleDirectory -Recurse:$Recurse }
    else { Write-Warning "Not staged (missing): $Source" }
}

# The build output of a class library holds only its own assemblies; its package dependencies are listed in
# deps.json and live in the NuGet cache. Take each package's runtime assembly, the linux-x64 one where the package
# ships per-RID implementations (Tmds.LibC's lib/ is a reference assembly only). PowerShell itself provides
# System.Management.Automation, and .NET provides System.Text.Json.
function Get-RuntimeDependencyPath {
    param([Parameter(Mandatory)] [string] $DepsFile, [string] $RuntimeIdentifier = 'linux-x64')
    $providedByHost = 'System.Management.Automation', 'System.Text.Json', 'PowerShellStandard.Library'
    $deps = Get-Content -Raw -LiteralPath $DepsFile | ConvertFrom-Json -AsHashtable
    $target = $deps.targets.Values | Select-Object -First 1
    $packagesRoot = Get-NuGetPackagesRoot
    foreach ($library in $target.Keys) {
        $info = $deps.libraries[$library]
        if ($info.type -ne 'package' -or $library.Split('/')[0] -in $providedByHost) { continue }
        $assets = Get-RuntimeAssets -Library $target[$library] -RuntimeIdentifier $RuntimeIdentifier
        foreach ($asset in $assets) {
            $path = Join-Path $packagesRoot $info.path $asset
            if (-not (Test-Path -LiteralPath $path)) { throw "Runtime dependency not found: $path" }
            $path
        }
    }
}

function Get-RuntimeAssets($Library, [string] $RuntimeIdentifier) {
    if ($Library.Contains('runtimeTargets')) {
        $forRid = @($Library.runtimeTargets.Keys | Where-Object {
                $Library.runtimeTargets[$_].rid -eq $RuntimeIdentifier -and $Library.runtimeTargets[$_].assetType -eq 'runtime' })
        if ($forRid) { return $forRid }
    }
    if ($Library.Contains('runtime')) { return @($Library.runtime.Keys) }
    @()
}

function Get-NuGetPackagesRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
}

#endregion
#region Registry and test images

# Starts an empty registry (stopping one a crashed run left behind) and pushes the test images into it.
function Start-Fixtures {
    param([switch] $IncludeBench, [string[]] $Name)
    $stateDirectory = Join-Path $WorkDirectory 'registry'
    Stop-TestRegistry -StateDirectory $stateDirectory
    Remove-Item -Recurse -Force -LiteralPath $stateDirectory -ErrorAction SilentlyContinue
    $registry = Start-TestRegistry -StateDirectory $stateDirectory
    Write-Host "docker-registry listening on $($registry.Address) (pid $($registry.Pid))"
    $script:Registry = $registry
    $publish = @{
        Registry = $registry.Address; WorkDirectory = (Join-Path $WorkDirectory 'fixtures')
        StorageRoot = $registry.StorageRoot; IncludeBench = $IncludeBench
    }
    if ($Name) { $publish.Name = $Name }
    $script:ImagesFile = & (Join-Path $FixturesDirectory 'Publish-TestImages.ps1') @publish
}

function Stop-Fixtures {
    if (Get-Variable -Scope Script -Name Registry -ErrorAction SilentlyContinue) { Stop-TestRegistry $script:Registry }
}

# Test processes find the registry and images.json through these variables (tests/fixtures/README.md).
function Set-FixtureEnvironment {
    $env:CONTAINERPS_TEST_REGISTRY = $script:Registry.Address
    $env:CONTAINERPS_TEST_IMAGES = $script:ImagesFile
    # The supervisor's tests run the staged binary (they need root, namespaces and cgroups: these machines and CI are root).
    $env:CONTAINERPS_SHIM = Join-Path $ModuleDirectory 'containerps-shim'
    $env:CONTAINERPS_TEST_REGISTRY_ACCESS_LOG = $script:Registry.AccessLog
}

#endregion
#region Test, Demo, Bench, Package

# Every xunit project under tests/ (engine, runtime, supervisor), each against the Release build. All of them run even
# when one fails, and the failed tests are named again in the summary: CI keeps only the end of the output.
function Invoke-XunitTests {
    $projects = Get-ChildItem -Path (Join-Path $RepoRoot 'tests') -Filter '*.Tests.csproj' -Recurse
    if ($XunitProject) { $projects = $projects | Where-Object { $_.BaseName -replace '^ContainerPS\.|\.Tests$' -in $XunitProject } }
    $resultDirectory = Join-Path $OutDirectory 'TestResults/xunit'
    Remove-Item -Recurse -Force -LiteralPath $resultDirectory -ErrorAction SilentlyContinue
    $failed = @()
    foreach ($project in $projects) {
        try {
            Invoke-Native dotnet @('test', $project.FullName, '-c', $Configuration, '--no-build', '-nologo',
                '--logger', "trx;LogFileName=$($project.BaseName).trx", '--results-directory', $resultDirectory)
        }
        catch { $failed += $project.BaseName }
    }
    if ($failed) {
        $script:FailedTests += Get-TrxFailures $resultDirectory
        throw "xunit failed in $($failed -join ', ')"
    }
}

# "Test: first line of the message" for every failed test in the trx files under a directory.
function Get-TrxFailures([string] $Directory) {
    foreach ($file in Get-ChildItem -LiteralPath $Directory -Filter '*.trx' -ErrorAction SilentlyContinue) {
        [xml] $trx = Get-Content -Raw -LiteralPath $file.FullName
        foreach ($result in $trx.TestRun.Results.UnitTestResult | Where-Object outcome -EQ 'Failed') {
            $message = $result.SelectSingleNode("*[local-name()='Output']/*[local-name()='ErrorInfo']/*[local-name()='Message']")
            $message = "$($message.InnerText)".Trim() -split "`n" | Select-Object -First 1
            "$($result.testName): $message"
        }
    }
}

function Test-PesterTestsPresent {
    [bool](Get-ChildItem -Path (Join-Path $RepoRoot 'tests/Pester') -Filter '*.Tests.ps1' -Recurse -ErrorAction SilentlyContinue)
}

# Pester runs in a child pwsh so the module's assemblies are loaded (and locked) there, not in this process.
function Invoke-PesterTests {
    $testDirectory = Join-Path $RepoRoot 'tests/Pester'
    $pesterManifest = Join-Path (Get-NuGetPackagesRoot) "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pesterManifest)) { throw "Pester $PesterVersion is missing at $pesterManifest; run ./build.sh, which restores it." }
    $resultFile = Join-Path $OutDirectory 'TestResults/pester.xml'
    $paths = if ($PesterPath) { $PesterPath | ForEach-Object { if (Test-Path $_) { $_ } else { Join-Path $testDirectory $_ } } } else { $testDirectory }
    Invoke-Native dotnet @('pwsh', '-NoProfile', '-File', (Join-Path $RepoRoot 'tools/pester/Invoke-PesterSuite.ps1'),
        '-Path', ($paths -join ','), '-PesterManifest', $pesterManifest, '-ResultFile', $resultFile)
}

# The build needs NuGet (the network); the tests must not reach the host's network: every test, and the
# default bridge that every container test makes, lives in a fresh network namespace that ends with this step.
function Invoke-TestTask {
    if (-not (Invoke-Step 'Build' { Invoke-BuildTask })) { return }
    # ContainerPS.Package.Tests.ps1 installs the module from the package, as a user would.
    if (-not (Invoke-Step 'Package' { Publish-ModulePackage })) { return }
    $null = Invoke-Step 'Tests in a network namespace of their own (unshare --net)' {
        $self = Join-Path $RepoRoot 'build.ps1'
        # The network tests refuse to run in this namespace; PID 1's may be unreadable (ptrace access rules), so say which it is.
        $env:CONTAINERPS_HOST_NETNS = (Get-Item /proc/self/ns/net).LinkTarget
        $subset = @()
        if ($PesterPath) { $subset += '-PesterPath', ($PesterPath -join ',') }
        if ($XunitProject) { $subset += '-XunitProject', ($XunitProject -join ',') }
        Invoke-Native unshare (@('--net', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh',
            'dotnet', 'pwsh', '-NoProfile', '-File', $self, '-Task', 'TestPhase', '-Configuration', $Configuration) + $subset)
    }
    # A subset of the tests is a quick look at something else: the conformance run is left to a full Test.
    if (-not $PesterPath -and -not $XunitProject) { Invoke-ConformanceSteps }
}

function Invoke-TestPhase {
    if (-not $env:CONTAINERPS_HOST_NETNS -or (Get-Item /proc/self/ns/net).LinkTarget -eq $env:CONTAINERPS_HOST_NETNS) {
        throw "TestPhase runs only in a network namespace of its own: use -Task Test."
    }
    try {
        if (-not (Invoke-Step 'Registry and test images' { Start-Fixtures })) { return }
        Set-FixtureEnvironment
        $null = Invoke-Step 'xunit (tests/*.Tests)' { Invoke-XunitTests }
        if (Test-PesterTestsPresent) { $null = Invoke-Step 'Pester (tests/Pester)' { Invoke-PesterTests } }
        else { Add-SkippedStep 'Pester (tests/Pester)' 'no tests yet' }
    }
    finally { Stop-Fixtures }
}

#endregion
#region Conformance (tests/conformance, docs/conformance.md)

function Invoke-ConformanceTask {
    if (-not (Invoke-Step 'Build' { Invoke-BuildTask })) { return }
    Invoke-ConformanceSteps
}

# The suite is built (or found cached) here, where the network is the host's, though the build needs none; each run is
# in a network namespace of its own like the tests: the programs' containers must not touch the host's network.
function Invoke-ConformanceSteps {
    $resultRoot = Join-Path $OutDirectory 'TestResults/conformance'
    Remove-Item -Recurse -Force -LiteralPath $resultRoot -ErrorAction SilentlyContinue
    $script:Conformance = @{}
    $built = Invoke-Step 'Conformance suite (built or cached)' {
        $script:Conformance.Suite = & (Join-Path $ConformanceDirectory 'Invoke-RuntimeConformance.ps1') -Action Build -CacheRoot (Join-Path $WorkDirectory 'conformance')
    }
    if (-not $built) { return }
    $ours = Invoke-Step 'Conformance: containerps-shim' {
        $shim = Join-Path $ModuleDirectory 'containerps-shim'
        $script:Conformance.Ours = Invoke-ConformanceRun -Runtime $shim -ResultDirectory (Join-Path $resultRoot 'containerps-shim')
    }
    $reference = Invoke-Step 'Conformance: runc (reference)' {
        $script:Conformance.Runc = Get-RuncConformance -ResultDirectory (Join-Path $resultRoot 'runc')
    }
    if ($ours) {
        $null = Invoke-Step 'Conformance: totals, baseline' {
            Compare-ConformanceResult -HasReference:$reference
        }
    }
}

# One run of the suite against a runtime, in a fresh network namespace; the records the script left in results.json.
function Invoke-ConformanceRun([string] $Runtime, [string] $ResultDirectory) {
    $timer = [Diagnostics.Stopwatch]::StartNew()
    Invoke-Native unshare @('--net', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh',
        'dotnet', 'pwsh', '-NoProfile', '-File', (Join-Path $ConformanceDirectory 'Invoke-RuntimeConformance.ps1'),
        '-Runtime', $Runtime, '-ResultDirectory', $ResultDirectory, '-CacheRoot', (Join-Path $WorkDirectory 'conformance'))
    [pscustomobject]@{
        Runtime = $Runtime; Seconds = [Math]::Round($timer.Elapsed.TotalSeconds, 1); Cached = $false
        Programs = @(Get-Content -Raw -LiteralPath (Join-Path $ResultDirectory 'results.json') | ConvertFrom-Json)
    }
}

# runc does not change with our code: its results depend only on its version and on the suite (and the host), so a
# run is kept in .tmp/conformance/runc-<key> and reused. Remove that directory to measure runc again.
function Get-RuncConformance([string] $ResultDirectory) {
    $runc = (Get-Command runc -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    $version = (& $runc --version) -join "`n"
    $keyText = "$version`n$(Split-Path -Leaf $script:Conformance.Suite)"
    $key = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($keyText))).Substring(0, 16).ToLowerInvariant()
    $cache = Join-Path $WorkDirectory "conformance/runc-$key"
    $cachedRun = Join-Path $cache 'run.json'
    if (Test-Path -LiteralPath $cachedRun) {
        Write-Host "runc's results for this runc and suite are cached in $cache"
        $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $ResultDirectory)
        Copy-Item -Recurse -LiteralPath $cache -Destination $ResultDirectory
        $run = Get-Content -Raw -LiteralPath $cachedRun | ConvertFrom-Json
        $run.Cached = $true
    }
    else {
        $run = Invoke-ConformanceRun -Runtime $runc -ResultDirectory $ResultDirectory
        $run | Add-Member Version $version
        Remove-Item -Recurse -Force -LiteralPath $cache -ErrorAction SilentlyContinue
        Copy-Item -Recurse -LiteralPath $ResultDirectory -Destination $cache
        $run | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $cachedRun
    }
    $run
}

# Some programs' counts depend on the host, not on the runtime (linux_cgroups_relative_hugetlb has a case per huge
# page size the kernel offers), so a host where runc, measured in the same run, passes fewer or fails more than it did
# when the baseline was set moves our baseline by as much (docs/conformance.md "The baseline").
function Get-HostShift($Baseline, $RuncTotal) {
    $reference = $Baseline.Runc
    if (-not $RuncTotal -or -not $reference) { return [pscustomobject]@{ FewerOk = 0; MoreFailing = 0 } }
    [pscustomobject]@{
        FewerOk = [Math]::Max(0, $reference.Ok - $RuncTotal.Ok)
        MoreFailing = [Math]::Max(0, ($RuncTotal.NotOk + $RuncTotal.NoTap) - ($reference.NotOk + $reference.NoTap))
    }
}

function Get-ConformanceTotal($Programs) {
    $total = [ordered]@{}
    foreach ($field in 'Ok', 'NotOk', 'Skip', 'NoTap') { $total[$field] = [int](($Programs | Measure-Object $field -Sum).Sum) }
    [pscustomobject]$total
}

# The table (a row per program, ours then runc's, and a TOTAL row), out/TestResults/conformance.json, and the gate:
# ours may not pass fewer tests than the baseline nor fail (not ok, or no TAP at all) more.
function Compare-ConformanceResult([switch] $HasReference) {
    $ours = $script:Conformance.Ours
    $runc = if ($HasReference) { $script:Conformance.Runc } else { $null }
    $runcByProgram = @{}
    if ($runc) { foreach ($record in $runc.Programs) { $runcByProgram[$record.Program] = $record } }
    $oursTotal = Get-ConformanceTotal $ours.Programs
    $runcTotal = if ($runc) { Get-ConformanceTotal $runc.Programs } else { $null }
    $format = '{0,-31} {1,5} {2,6} {3,5} {4,6}  | {5,5} {6,6} {7,5} {8,6}'
    $line = { param([string] $Name, $Mine, $Theirs) $format -f $Name, $Mine.Ok, $Mine.NotOk, $Mine.Skip, $Mine.NoTap,
        $(if ($Theirs) { $Theirs.Ok } else { '-' }), $(if ($Theirs) { $Theirs.NotOk } else { '-' }),
        $(if ($Theirs) { $Theirs.Skip } else { '-' }), $(if ($Theirs) { $Theirs.NoTap } else { '-' }) }
    Write-Host "`nOCI runtime conformance (runtime-tools validation): containerps-shim | runc $(if ($runc -and $runc.Cached) { '(cached)' })"
    Write-Host ($format -f 'program', 'ok', 'not-ok', 'skip', 'no-tap', 'ok', 'not-ok', 'skip', 'no-tap')
    foreach ($record in $ours.Programs) { Write-Host (& $line $record.Program $record $runcByProgram[$record.Program]) }
    Write-Host (& $line 'TOTAL' $oursTotal $runcTotal)
    Write-Host ("Seconds: containerps-shim {0}, runc {1}`n" -f $ours.Seconds, $(if ($runc) { "$($runc.Seconds)$(if ($runc.Cached) { ' (when measured)' })" } else { '-' }))

    $baselineFile = Join-Path $ConformanceDirectory 'baseline.json'
    $baseline = Get-Content -Raw -LiteralPath $baselineFile | ConvertFrom-Json
    $failing = $oursTotal.NotOk + $oursTotal.NoTap
    $hostShift = Get-HostShift -Baseline $baseline -RuncTotal $runcTotal
    $baselineOk = $baseline.Ok - $hostShift.FewerOk
    $baselineFailing = $baseline.NotOk + $baseline.NoTap + $hostShift.MoreFailing
    $regressed = $oursTotal.Ok -lt $baselineOk -or $failing -gt $baselineFailing
    $improved = -not $regressed -and ($oursTotal.Ok -gt $baseline.Ok -or $failing -lt $baseline.NotOk + $baseline.NoTap)
    $summary = [ordered]@{
        Suite = 'opencontainers/runtime-tools 5e63903 (validation)'; SuiteKey = Split-Path -Leaf $script:Conformance.Suite
        ContainerPS = [ordered]@{ Runtime = $ours.Runtime; Seconds = $ours.Seconds; Total = $oursTotal; Programs = $ours.Programs }
        Runc = if ($runc) {
            [ordered]@{ Runtime = $runc.Runtime; Version = $runc.Version; Cached = $runc.Cached; Seconds = $runc.Seconds; Total = $runcTotal; Programs = $runc.Programs }
        } else { $null }
        Baseline = $baseline; Regressed = $regressed; Improved = $improved
    }
    $summaryFile = Join-Path $OutDirectory 'TestResults/conformance.json'
    $summary | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $summaryFile
    Write-Host "Summary in $summaryFile; each program's TAP in $(Join-Path $OutDirectory 'TestResults/conformance')"
    Write-Host ("Baseline on this host: ok {0}, not ok + no TAP {1}; ours: ok {2}, not ok + no TAP {3}" -f $baselineOk, $baselineFailing, $oursTotal.Ok, $failing)
    if ($regressed) {
        $message = 'containerps-shim conformance regressed against tests/conformance/baseline.json (ok must stay >= {0} and not ok + no TAP <= {1}).' -f
            $baselineOk, $baselineFailing
        if ($oursTotal.Ok -gt $baseline.Ok) {
            $message += (' Ok rose to {0}: if a program that printed no TAP now runs and reports a few not-ok lines, that is progress; ' +
                'update the baseline to Ok {0}, NotOk {1}, Skip {2}, NoTap {3}.') -f $oursTotal.Ok, $oursTotal.NotOk, $oursTotal.Skip, $oursTotal.NoTap
        }
        throw $message
    }
    if ($improved) {
        Write-Host ("containerps-shim does better than tests/conformance/baseline.json: update it to Ok {0}, NotOk {1}, Skip {2}, NoTap {3} to keep the gain." -f
            $oursTotal.Ok, $oursTotal.NotOk, $oursTotal.Skip, $oursTotal.NoTap) -ForegroundColor Yellow
    }
}

#endregion
#region Test, Demo, Bench, Package (continued)

# A hybrid-v1 host cannot show cgroup v2; a qemu VM with a pure v2 hierarchy can (~1 min). The script and the staged
# supervisor go to the VM through a shared directory; the script prints PASS/FAIL lines and its summary.
function Invoke-Cgroup2TestTask {
    if (-not (Invoke-Step 'Build' { Invoke-BuildTask })) { return }
    $null = Invoke-Step 'cgroup v2 VM (tests/cgroup2/run-shim-v2.sh)' {
        $tool = if ($env:CGROUP2_VM_TOOL) { $env:CGROUP2_VM_TOOL } else { Join-Path $RepoRoot '../shared/tools/cgroup2-vm.sh' }
        if (-not (Test-Path -LiteralPath $tool)) { throw "cgroup2-vm.sh not found at $tool; set `$env:CGROUP2_VM_TOOL" }
        $share = Join-Path $WorkDirectory 'cgroup2-share'
        Remove-Item -Recurse -Force -LiteralPath $share -ErrorAction SilentlyContinue
        $null = New-Item -ItemType Directory -Force -Path $share
        Copy-Item -LiteralPath (Join-Path $ModuleDirectory 'containerps-shim') -Destination $share
        # The VM runs Debian 12's kernel (6.1): the filter a default container would get there.
        & dotnet pwsh -NoProfile -File (Join-Path $RepoRoot 'tests/cgroup2/Write-DefaultSeccomp.ps1') -ModuleDirectory $ModuleDirectory `
            -Path (Join-Path $share 'default-seccomp.json') -Kernel 6.1
        if ($LASTEXITCODE -ne 0) { throw 'Write-DefaultSeccomp.ps1 failed' }
        $output = & bash $tool run (Join-Path $RepoRoot 'tests/cgroup2/run-shim-v2.sh') $share 2>&1
        $output | Out-Host
        if ($LASTEXITCODE -ne 0 -or -not ($output -match '^rc=0$') -or ($output -match '^FAIL')) { throw 'the cgroup v2 checks failed' }
    }
}

function Invoke-DemoTask {
    if (-not (Invoke-Step 'Build' { Invoke-BuildTask })) { return }
    $demoRoot = Join-Path ([IO.Path]::GetTempPath()) ('containerps-demo-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    try {
        if (-not (Invoke-Step 'Registry and busybox image' { Start-Fixtures -Name 'busybox' })) { return }
        $reference = "$($script:Registry.Address)/test/busybox:latest"
        $demo = Join-Path $RepoRoot 'tools/demo/Invoke-Demo.ps1'
        $null = Invoke-Step 'Demo: pull, run, commit, push, build, run, push, clean up' {
            Invoke-Native dotnet @('pwsh', '-NoProfile', '-File', $demo, '-Module', $ModuleDirectory, '-Reference', $reference, '-Root', $demoRoot)
        }
    }
    finally {
        Stop-Fixtures
        Remove-Item -Recurse -Force -LiteralPath $demoRoot -ErrorAction SilentlyContinue
    }
}

function Invoke-BenchTask {
    if (-not (Invoke-Step 'Build' { Invoke-BuildTask })) { return }
    try {
        if (-not (Invoke-Step 'Registry and bench image' { Start-Fixtures -IncludeBench })) { return }
        $benchmarks = @(Get-ChildItem -Path (Join-Path $RepoRoot 'bench') -Filter '*.ps1' -ErrorAction SilentlyContinue)
        if ($BenchPath) { $benchmarks = @($benchmarks | Where-Object { $_.Name -in ($BenchPath | Split-Path -Leaf) }) }
        if (-not $benchmarks) { Write-Host 'No benchmarks in bench/ yet.' }
        foreach ($benchmark in $benchmarks) {
            $null = Invoke-Step "Bench: $($benchmark.Name)" {
                Invoke-Native dotnet @('pwsh', '-NoProfile', '-File', $benchmark.FullName,
                    '-Registry', $script:Registry.Address, '-ImagesFile', $script:ImagesFile)
            }
        }
    }
    finally { Stop-Fixtures }
}

function Invoke-PackageTask {
    if (-not (Invoke-Step 'Build' { Invoke-BuildTask })) { return }
    $null = Invoke-Step 'Package' { Publish-ModulePackage }
}

# The staged module as a NuGet package in a directory of its own, which is all a PSResourceGet file repository is:
# Register-PSResourceRepository -Uri out/repository, then Install-PSResource ContainerPS. NuGet keeps no file modes;
# the engine gives the installed containerps-shim its execute bits back (ShimLocator).
function Publish-ModulePackage {
    Remove-Item -Recurse -Force -LiteralPath $RepositoryDirectory -ErrorAction SilentlyContinue
    $null = New-Item -ItemType Directory -Force -Path $RepositoryDirectory
    $package = Compress-PSResource -Path $ModuleDirectory -DestinationPath $RepositoryDirectory -PassThru
    Write-Host "Packaged $($package.FullName)"
}

#endregion

Push-Location $RepoRoot
try {
    switch ($Task) {
        'Build' { $null = Invoke-Step 'Build' { Invoke-BuildTask } }
        'Test' { Invoke-TestTask }
        'TestPhase' { Invoke-TestPhase }
        'TestConformance' { Invoke-ConformanceTask }
        'TestCgroup2' { Invoke-Cgroup2TestTask }
        'Bench' { Invoke-BenchTask }
        'Demo' { Invoke-DemoTask }
        'Package' { Invoke-PackageTask }
    }
}
finally { Pop-Location }
Write-Summary
if ($StepResults.Result -contains 'FAILED') { exit 1 }
exit 0
