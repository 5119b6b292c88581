<#
.SYNOPSIS
    The main job: the seed's flow with ContainerPS, end to end, on a loopback registry.
.DESCRIPTION
    Pulls an image into an empty store, lists it, runs a container from it with limits (its output comes back to the
    pipeline), shows the exited container and its logs, then removes everything it made.
#>
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Reference,
    [Parameter(Mandatory)] [string] $Root
)
$ErrorActionPreference = 'Stop'
Import-Module $Module

Write-Host "`n# Request-Image $Reference" -ForegroundColor Cyan
Request-Image $Reference -Root $Root
Get-Image -Root $Root | Format-Table | Out-Host

Write-Host "# Start-Container -Image ... -Network None -Memory 64MB -PidsLimit 32 -Wait" -ForegroundColor Cyan
Start-Container -Root $Root -Image $Reference -Name demo -Network None -Memory 64MB -PidsLimit 32 -Hostname demo -Wait `
    -Command sh, -c, 'echo "hello from $(hostname), PID $$, as $(id -un)"; ls /proc | grep -c "^[0-9]" | sed "s/^/processes visible: /"'
Get-Container -Root $Root | Format-Table | Out-Host
Get-ContainerLog -Root $Root -Name demo | Format-Table Timestamp, Stream, Message | Out-Host

Write-Host '# Remove-Container, Remove-Image' -ForegroundColor Cyan
Remove-Container -Root $Root -Name demo
Get-Image -Root $Root | Remove-Image -Root $Root
"store left with $(@(Get-Image -Root $Root).Count) images and $(@(Get-Container -Root $Root).Count) containers"
