<#
.SYNOPSIS
    Writes the linux.seccomp ContainerPS puts in a default container's config.json (the default profile resolved for
    docker's default capabilities on x86_64) for a given kernel, so run-shim-v2.sh installs the real filter in the VM.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $Path,
    [version] $Kernel = '6.1'
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Add-Type -Path (Join-Path $ModuleDirectory 'ContainerPS.Runtime.dll')
Add-Type -Path (Join-Path $ModuleDirectory 'ContainerPS.Engine.dll')
$spec = [ContainerPS.Engine.Security.SeccompResolver]::Resolve([ContainerPS.Engine.Security.DefaultSeccompProfile]::Profile,
    [ContainerPS.Engine.Runtime.Capabilities]::Default, 'x86_64', $Kernel)
[IO.File]::WriteAllBytes($Path, [Text.Json.JsonSerializer]::SerializeToUtf8Bytes($spec, [ContainerPS.Runtime.RuntimeJsonContext]::Default.SeccompSpec))
