<#
.SYNOPSIS
    Runs the Pester suite with the Pester version build.ps1 restored from NuGet; exits non-zero on any failure.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest

$configuration = New-PesterConfiguration
# -Path may list several files or directories, comma-separated (build.ps1 -PesterPath).
$configuration.Run.Path = $Path -split ','
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultFile
$result = Invoke-Pester -Configuration $configuration
# The failures named again at the very end: CI keeps only the end of the output.
if ($result.Result -ne 'Passed') {
    Write-Host 'Failed Pester tests:' -ForegroundColor Red
    foreach ($test in $result.Failed) {
        $message = "$($test.ErrorRecord | Select-Object -First 1)" -split "`n" | Select-Object -First 1
        Write-Host "  $($test.ExpandedPath): $message"
    }
    foreach ($block in @($result.FailedBlocks) + @($result.FailedContainers)) { Write-Host "  $($block.Name): failed in setup or teardown" }
    exit 1
}
exit 0
