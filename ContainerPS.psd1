@{
    RootModule           = 'ContainerPS.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '41491182-3bd8-4ef1-b224-5fd8a61ba3e8'
    Author               = 'ContainerPS contributors'
    Copyright            = '(c) ContainerPS contributors.'
    Description          = 'A daemonless container engine for Linux as PowerShell cmdlets: pull OCI and Docker images into a local store and run containers from them, all as objects.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('ContainerPS.format.ps1xml')
    CmdletsToExport      = @(
        'Request-Image'
        'Publish-Image'
        'Get-Image'
        'Remove-Image'
        'Add-ImageTag'
        'Remove-ImageTag'
        'Find-Image'
        'Connect-Registry'
        'Disconnect-Registry'
        'Export-Image'
        'Import-Image'
        'New-Container'
        'Start-Container'
        'Stop-Container'
        'Suspend-Container'
        'Resume-Container'
        'Set-Container'
        'Restart-Container'
        'Wait-Container'
        'Get-Container'
        'Remove-Container'
        'Rename-Container'
        'Get-ContainerLog'
        'Get-ContainerStats'
        'New-ContainerNetwork'
        'Get-ContainerNetwork'
        'Remove-ContainerNetwork'
        'Invoke-ContainerCommand'
        'Enter-Container'
        'Copy-ContainerItem'
        'Get-ContainerProcess'
        'Get-ContainerHost'
        'New-Image'
        'Get-ContainerChange'
        'Export-Container'
        'Build-Image'
    )
    AliasesToExport      = @('Pull-Image', 'Push-Image')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags = @('Containers', 'OCI', 'Docker', 'Linux', 'Images', 'Registry', 'Namespaces', 'Cgroups')
        }
    }
}
