# Get-ContainerProcess (docker top) end to end, as root, with the real supervisor and the fixture image
# test/busybox:latest from the loopback registry that build.ps1 Test starts ($env:CONTAINERPS_TEST_REGISTRY).
# No test asserts a duration; waits are bounded loops over real state.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-ContainerName { 'top' + [guid]::NewGuid().ToString('n').Substring(0, 10) }

    # An init shell with two sleeping children, one of them as the image's user "nobody" (65534).
    $script:Name = New-ContainerName
    $script:Container = Start-Container -Image $Image -Root $Root -Name $Name -PassThru -ErrorAction Stop `
        -Command sh, -c, 'sleep 100 & sleep 200 & wait'
    $script:Other = New-ContainerName
    $null = Start-Container -Image $Image -Root $Root -Name $Other -User 65534 -Command sleep, 300 -ErrorAction Stop
    $script:Processes = Wait-Until { $p = @(Get-ContainerProcess $Name -Root $Root); if ($p.Count -ge 3) { , $p } }
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Get-ContainerProcess' {
    It 'lists the init as ContainerPid 1 and its children with their parent' {
        $Processes.Count | Should -Be 3
        $init = $Processes | Where-Object ContainerPid -EQ 1
        # The program is resolved in the image's PATH at create, as docker does.
        $init.Command | Should -Be '/bin/sh -c sleep 100 & sleep 200 & wait'
        $init.Arguments | Should -Be @('/bin/sh', '-c', 'sleep 100 & sleep 200 & wait')
        $init.Pid | Should -Be (Get-Container $Name -Root $Root).Pid
        $children = @($Processes | Where-Object ContainerPid -NE 1)
        ($children.Command | Sort-Object) | Should -Be @('sleep 100', 'sleep 200')
        $children.ParentPid | Should -Be @($init.Pid, $init.Pid)
        $Processes | ForEach-Object { $_ | Should -BeOfType [ContainerPS.ContainerProcess]; $_.ContainerName | Should -Be $Name; $_.ContainerId | Should -Be $Container.Id }
    }

    It 'describes each process from /proc: host pid, state, memory, times' {
        foreach ($p in $Processes) {
            Test-Path "/proc/$($p.Pid)" | Should -BeTrue
            $p.State | Should -BeIn 'Sleeping', 'Running'
            $p.MemoryBytes | Should -BeGreaterThan 0
            $p.CpuTime | Should -BeOfType [TimeSpan]
            $p.StartTime | Should -BeGreaterThan $Container.CreatedAt.AddMinutes(-1)
            $p.StartTime | Should -BeLessOrEqual (Get-Date).AddMinutes(1)
        }
    }

    It 'names users from the container''s /etc/passwd' {
        $Processes.User | Select-Object -Unique | Should -Be 'root'
        $Processes.UserId | Select-Object -Unique | Should -Be 0
        $nobody = Wait-Until { Get-ContainerProcess $Other -Root $Root }
        $nobody.UserId | Should -Be 65534
        $nobody.User | Should -Be 'nobody'
    }

    It 'takes containers from the pipeline by value and by property name, and wildcards' {
        @(Get-Container $Name -Root $Root | Get-ContainerProcess -Root $Root).Count | Should -Be 3
        @([pscustomobject]@{ Id = $Container.Id } | Get-ContainerProcess -Root $Root).Count | Should -Be 3
        $both = @(Get-ContainerProcess 'top*' -Root $Root)
        ($both.ContainerName | Select-Object -Unique | Sort-Object) | Should -Be (@($Name, $Other) | Sort-Object)
    }

    It 'formats as a table of ContainerPid, User, CpuTime and Command' {
        $text = $Processes | Format-Table | Out-String
        $text | Should -Match 'ContainerPid\s+User\s+CpuTime\s+Command'
        $text | Should -Match '1 root\s+\d\d:\d\d:\d\d /bin/sh -c sleep 100'
    }

    It 'reports ContainerNotRunning for a created container and ContainerNotFound for an unknown one' {
        $created = New-ContainerName
        $null = New-Container -Image $Image -Root $Root -Name $created -Command sleep, 1 -ErrorAction Stop
        $null = Get-ContainerProcess $created, 'no-such-container', $Name -Root $Root -ErrorVariable err -ErrorAction SilentlyContinue -OutVariable out
        $err.Count | Should -Be 2
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotRunning,*'
        $err[1].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        @($out).Count | Should -Be 3
    }
}
