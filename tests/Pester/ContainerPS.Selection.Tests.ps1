# Which containers Get-ContainerStats samples (running ones; -All adds the stopped ones with zero use) and how
# -Label selects them (a hashtable, key=value strings, or a bare key), with real containers under -Network None
# from the fixture image of the loopback registry. Run through build.ps1 Test.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    $script:Running = Start-Container -Image $Image -Root $Root -Name "sel-running-$(Get-Random)" -Network None -Command sleep, 1000 `
        -Label @{ batch = 'speed'; tier = 'web' } -PassThru -ErrorAction Stop
    $script:Stopped = New-Container -Image $Image -Root $Root -Name "sel-stopped-$(Get-Random)" -Network None -Command true `
        -Label @{ batch = 'slow'; marker = '' } -ErrorAction Stop
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Get-ContainerStats' {
    It 'samples the running containers of the pipeline and skips the stopped ones quietly' {
        $errors = $null
        $stats = @(Get-Container -Root $Root | Get-ContainerStats -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors | Should -BeNullOrEmpty
        $stats.Name | Should -Be @($Running.Name)
        $stats[0].Status | Should -Be 'Running'
    }

    It 'with -All writes a record of zero use for each stopped container, with its status' {
        $stats = @(Get-Container -Root $Root | Get-ContainerStats -Root $Root -All -ErrorAction Stop)
        @($stats.Name | Sort-Object) | Should -Be @(@($Running.Name, $Stopped.Name) | Sort-Object)
        $idle = $stats | Where-Object Name -eq $Stopped.Name
        $idle.Status | Should -Be 'Created'
        $idle.CpuPercent | Should -Be 0
        $idle.MemoryUsage | Should -Be 0
        $idle.PidsCurrent | Should -Be 0
        $idle.ContainerId | Should -Be $Stopped.Id
    }

    It 'without names samples every running container, and with -All every container' {
        @(Get-ContainerStats -Root $Root -ErrorAction Stop).Name | Should -Be @($Running.Name)
        @(Get-ContainerStats -Root $Root -All -ErrorAction Stop).Count | Should -Be 2
    }

    It 'skips a stopped container that a wildcard matches, and reports one named alone with zero use, as docker stats NAME' {
        @(Get-ContainerStats -Name 'sel-*' -Root $Root -ErrorAction Stop).Name | Should -Be @($Running.Name)
        $named = Get-ContainerStats -Name $Stopped.Name -Root $Root -ErrorAction Stop
        $named.Name | Should -Be $Stopped.Name
        $named.Status | Should -Be 'Created'
    }
}

Describe 'Get-Container -Label' {
    It 'matches <Case>' -ForEach @(
        @{ Case = 'a hashtable'; Label = @{ batch = 'speed' }; Expected = 'Running' }
        @{ Case = 'a hashtable of two labels'; Label = @{ batch = 'speed'; tier = 'web' }; Expected = 'Running' }
        @{ Case = 'a key=value string'; Label = 'batch=slow'; Expected = 'Stopped' }
        @{ Case = 'a bare key, for any value'; Label = 'batch'; Expected = 'Running', 'Stopped' }
        @{ Case = 'a label given bare at creation, with an empty value'; Label = 'marker='; Expected = 'Stopped' }
        @{ Case = 'strings, all of which must match'; Label = 'batch', 'tier=web'; Expected = 'Running' }
        @{ Case = 'nothing for a value no container has'; Label = @{ batch = 'other' }; Expected = @() }
    ) {
        $names = @{ Running = $Running.Name; Stopped = $Stopped.Name }
        $found = @(Get-Container -Root $Root -Label $Label -ErrorAction Stop | ForEach-Object Name | Sort-Object)
        $found | Should -Be @($Expected | ForEach-Object { $names[$_] } | Sort-Object)
    }

    It 'gives a new container the labels as given: key=value strings, and a bare key as an empty label (docker run --label)' {
        $labelled = New-Container -Image $Image -Root $Root -Name "sel-strings-$(Get-Random)" -Network None -Command true `
            -Label 'batch=strings', 'marker' -ErrorAction Stop
        try {
            $labelled.Labels['batch'] | Should -Be 'strings'
            $labelled.Labels.ContainsKey('marker') | Should -BeTrue
            $labelled.Labels['marker'] | Should -Be ''
        }
        finally { Remove-Container -Id $labelled.Id -Root $Root }
    }

    It 'refuses a label without a key' {
        { Get-Container -Root $Root -Label '=x' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*'
    }
}
