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
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultFile
Invoke-Pester -Configuration $configuration
