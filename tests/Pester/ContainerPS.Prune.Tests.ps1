# Remove-Container -Status [-Before] (docker container prune) end to end, as root, with the real supervisor and the
# fixture image test/busybox:latest from the loopback registry that build.ps1 Test starts.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-Name { 'pr' + [guid]::NewGuid().ToString('n').Substring(0, 10) }
    function Get-Names { @(Get-Container -Root $Root).Name | Sort-Object }

    $script:Exited = Start-Container -Image $Image -Root $Root -Name (New-Name) -Network None -Command true -Wait -PassThru
    $script:Created = New-Container -Image $Image -Root $Root -Name (New-Name) -Network None -Command true
    $script:Running = Start-Container -Image $Image -Root $Root -Name (New-Name) -Network None -Command sleep, 600 -PassThru
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Remove-Container -Status' {
    It 'removes nothing with -WhatIf' {
        Remove-Container -Root $Root -Status Exited, Created -WhatIf
        Get-Names | Should -Be (@($Exited.Name, $Created.Name, $Running.Name) | Sort-Object)
    }

    It 'removes only the containers created before -Before' {
        Remove-Container -Root $Root -Status Created -Before (Get-Date).AddDays(-1)
        Get-Names | Should -Contain $Created.Name
    }

    It 'removes the exited containers and leaves the rest (docker container prune)' {
        $Exited.Status | Should -Be 'Exited'
        Remove-Container -Root $Root -Status Exited
        Get-Names | Should -Be (@($Created.Name, $Running.Name) | Sort-Object)
        Test-Path (Join-Path $Root "containers/$($Exited.Id)") | Should -BeFalse
    }

    It 'removes created containers made before now' {
        Remove-Container -Root $Root -Status Created -Before (Get-Date).AddMinutes(1)
        Get-Names | Should -Be @($Running.Name)
    }

    It 'refuses running ones without -Force, with a ContainerRunning error for each, and kills them with it' {
        $failures = $null
        Remove-Container -Root $Root -Status Running -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ContainerRunning,*'
        Get-Names | Should -Be @($Running.Name)
        Remove-Container -Root $Root -Status Running -Force
        Get-Names | Should -BeNullOrEmpty
        Test-Path "/proc/$($Running.Pid)/stat" | Should -BeFalse
    }
}
