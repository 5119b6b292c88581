<#
.SYNOPSIS
    The main job: the seed's flow with ContainerPS, end to end, on a loopback registry.
.DESCRIPTION
    Pulls an image into an empty store, lists it, runs a container from it with limits (its output comes back to the
    pipeline), shows the exited container and its logs, commits the container as a new image, pushes that to the same
    registry, removes it locally, pulls it back and runs it, then removes everything it made.
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
    -Command sh, -c, 'echo "hello from $(hostname), PID $$, as $(id -un)" | tee /greeting; ls /proc | grep -c "^[0-9]" | sed "s/^/processes visible: /"'
Get-Container -Root $Root | Format-Table | Out-Host
Get-ContainerLog -Root $Root -Name demo | Format-Table Timestamp, Stream, Message | Out-Host

$registry = $Reference.Split('/')[0]
$committed = "$registry/demo/greeting:1"
Write-Host "# New-Image -Container demo -Reference $committed; Publish-Image; pulled back and run" -ForegroundColor Cyan
New-Image -Root $Root -Container demo -Reference $committed -Change 'CMD ["cat", "/greeting"]' -Message 'demo commit' | Format-Table | Out-Host
Publish-Image -Root $Root -Reference $committed -PassThru | Format-Table | Out-Host
Remove-Image -Root $Root -Reference $committed
Request-Image -Root $Root $committed | Format-Table | Out-Host
Start-Container -Root $Root -Image $committed -Network None -Wait -AutoRemove

Write-Host '# Remove-Container, Remove-Image' -ForegroundColor Cyan
Remove-Container -Root $Root -Name demo
Get-Image -Root $Root | Remove-Image -Root $Root
"store left with $(@(Get-Image -Root $Root).Count) images and $(@(Get-Container -Root $Root).Count) containers"
