<#
.SYNOPSIS
    The main job: the seed's flow with ContainerPS, end to end, on a loopback registry.
.DESCRIPTION
    Pulls an image into an empty store, lists it, runs a container from it with limits (its output comes back to the
    pipeline), shows the exited container and its logs, commits the container as a new image, pushes that to the same
    registry, removes it locally, pulls it back and runs it; builds an image from a Dockerfile (FROM the pulled image,
    COPY, RUN, CMD) in a temporary context, builds it again from the cache, runs it and pushes it to the registry;
    then removes everything it made.
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

$built = "$registry/demo/built:1"
$context = Join-Path ([IO.Path]::GetTempPath()) ('containerps-demo-context-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
try {
    $null = New-Item -ItemType Directory -Path $context
    Set-Content -LiteralPath (Join-Path $context 'greeting.txt') -Value 'hello from a Dockerfile'
    Set-Content -LiteralPath (Join-Path $context 'Dockerfile') -Value @"
FROM $Reference
COPY greeting.txt /srv/greeting.txt
RUN echo "RUN sees: `$(cat /srv/greeting.txt)" && echo "built by Build-Image" >> /srv/greeting.txt
CMD ["cat", "/srv/greeting.txt"]
"@
    Write-Host "# Build-Image $context -Tag $built (FROM, COPY, RUN, CMD)" -ForegroundColor Cyan
    Get-Content -LiteralPath (Join-Path $context 'Dockerfile') | Out-Host
    Build-Image -Root $Root -Path $context -Tag $built -Network None -PassThru | Format-Table | Out-Host
    Write-Host '# Build-Image again: every step from the cache; Get-Image -All lists the cached step results' -ForegroundColor Cyan
    Build-Image -Root $Root -Path $context -Tag $built -Network None -InformationAction Ignore -Verbose 4>&1 | Out-Host
    Get-Image -Root $Root -All | Format-Table | Out-Host
}
finally { Remove-Item -Recurse -Force -LiteralPath $context -ErrorAction SilentlyContinue }
Write-Host "# Start-Container -Image $built -Network None -Wait; Publish-Image $built" -ForegroundColor Cyan
Start-Container -Root $Root -Image $built -Network None -Wait -AutoRemove
Publish-Image -Root $Root -Reference $built -PassThru | Format-Table | Out-Host

Write-Host '# Remove-Container, Remove-Image' -ForegroundColor Cyan
Remove-Container -Root $Root -Name demo
Get-Image -Root $Root -All | Remove-Image -Root $Root
"store left with $(@(Get-Image -Root $Root -All).Count) images and $(@(Get-Container -Root $Root).Count) containers"
