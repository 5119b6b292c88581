# Remoting, as fleets are run: two loopback SSH hosts (an sshd each on 127.0.0.2 and 127.0.0.3, SshTestHosts.psm1)
# with the PowerShell SSH subsystem, each with its own ContainerPS store, driven from here by PowerShell remoting over
# SSH. One Invoke-Command fan-out pulls the fixture image from the loopback registry and starts a container on both;
# the containers come back deserialized (PSComputerName says which host), and piping them back to each host stops and
# removes them there, bound to Stop-Container/Remove-Container by property name.
#   $env:CONTAINERPS_TEST_REGISTRY  host:port of the loopback registry build.ps1 Test starts (reachable from both hosts:
#                                   they run in this network namespace)
# Run through build.ps1 Test (a network namespace of its own); nothing listens outside 127.0.0.0/8.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'SshTestHosts.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:Image = Get-TestImage

    # The hosts import the staged module by name: its parent directory is on their PSModulePath.
    $moduleParent = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out'))
    if (-not (Test-Path -LiteralPath (Join-Path $moduleParent 'ContainerPS/ContainerPS.psd1'))) {
        throw "The staged module is missing under '$moduleParent': build it first (build.ps1 Build)."
    }
    $script:ClientKey = New-SshClientKey (Join-Path $TestDrive 'client')
    $script:Stores = @{}
    $script:Hosts = foreach ($address in '127.0.0.2', '127.0.0.3') {
        $Stores[$address] = Join-Path $TestDrive "store-$address"
        $environment = @{ CONTAINERPS_ROOT = $Stores[$address]; PSModulePath = $moduleParent }
        if ($env:CONTAINERPS_SHIM) { $environment.CONTAINERPS_SHIM = $env:CONTAINERPS_SHIM }
        Start-SshTestHost -Address $address -Directory (Join-Path $TestDrive "host-$address") `
            -AuthorizedKeyPath "$ClientKey.pub" -Environment $environment
    }
    # One session per host, reused by every step.
    $script:Sessions = New-PSSession -HostName $Hosts.HostName -UserName root -KeyFilePath $ClientKey `
        -Options (Get-SshTestClientOption) -ErrorAction Stop
    # What each host runs, to check nothing is left behind.
    $script:HostProcesses = @($Hosts | ForEach-Object { Get-SshTestHostProcess $_ })

    $script:ContainerName = 'fleet-web'
    # PID 1 of a container ignores signals it has no handler for: the trap lets Stop-Container's SIGTERM end it.
    $script:Command = 'sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'

    # The session for the host a deserialized object came from.
    function Get-SessionOf($RemoteObject) { $Sessions | Where-Object ComputerName -EQ $RemoteObject.PSComputerName }
}

AfterAll {
    if ($script:Sessions) {
        Invoke-Command -Session $Sessions { Get-Container -ErrorAction SilentlyContinue | Remove-Container -Force -Confirm:$false } -ErrorAction SilentlyContinue
        Remove-PSSession $Sessions
    }
    foreach ($testHost in @($script:Hosts)) { if ($testHost) { Stop-SshTestHost $testHost } }
}

Describe 'Remoting over SSH to two hosts' {
    It 'starts a container on both hosts in one Invoke-Command fan-out, each in its own store' {
        $started = @(Invoke-Command -Session $Sessions -ArgumentList $Image, $ContainerName, $Command -ErrorAction Stop {
                param($image, $name, $command)
                Import-Module ContainerPS -ErrorAction Stop
                $null = Request-Image $image -ErrorAction Stop
                Start-Container -Image $image -Name $name -Network None -Command $command -ErrorAction Stop
            })

        $started.Count | Should -Be 2
        $started.PSComputerName | Sort-Object | Should -Be '127.0.0.2', '127.0.0.3'
        foreach ($container in $started) {
            $container.PSTypeNames | Should -Contain 'Deserialized.ContainerPS.Container'
            $container.Name | Should -Be $ContainerName
            $container.Status | Should -Be 'Running'
            Join-Path $Stores[$container.PSComputerName] "containers/$($container.Id)" | Should -Exist
        }
        $started[0].Id | Should -Not -Be $started[1].Id
    }

    It 'lists the containers of both hosts with PSComputerName' {
        $listed = @(Invoke-Command -Session $Sessions { Get-Container })

        $listed.Count | Should -Be 2
        $listed.PSComputerName | Sort-Object | Should -Be '127.0.0.2', '127.0.0.3'
        $listed.Name | Should -Be $ContainerName, $ContainerName
        $listed.Status | Should -Be 'Running', 'Running'
        foreach ($container in $listed) { $container.PSTypeNames | Should -Contain 'Deserialized.ContainerPS.Container' }
    }

    It 'stops them by piping the deserialized containers back to their hosts, bound by property name' {
        $listed = @(Invoke-Command -Session $Sessions { Get-Container })

        $stopped = @(foreach ($container in $listed) {
                $container | Invoke-Command -Session (Get-SessionOf $container) -ErrorAction Stop { $input | Stop-Container -PassThru -ErrorAction Stop }
            })

        $stopped.Count | Should -Be 2
        $stopped.PSComputerName | Sort-Object | Should -Be '127.0.0.2', '127.0.0.3'
        $stopped.Status | Should -Be 'Exited', 'Exited'
        $after = @(Invoke-Command -Session $Sessions { Get-Container })
        $after.Status | Should -Be 'Exited', 'Exited'
        @($after | Sort-Object PSComputerName).Id | Should -Be @($listed | Sort-Object PSComputerName).Id
    }

    It 'removes them the same way, and the hosts leave no process behind' {
        $listed = @(Invoke-Command -Session $Sessions { Get-Container })
        foreach ($container in $listed) {
            $container | Invoke-Command -Session (Get-SessionOf $container) -ErrorAction Stop { $input | Remove-Container -Confirm:$false -ErrorAction Stop }
        }

        @(Invoke-Command -Session $Sessions { Get-Container }).Count | Should -Be 0
        foreach ($store in $Stores.Values) { @(Get-ChildItem -LiteralPath (Join-Path $store 'containers') -Force).Count | Should -Be 0 }

        # Closing a session ends its sshd session and the PowerShell subsystem behind it; only the listeners remain.
        Remove-PSSession $Sessions
        $script:Sessions = $null
        $listeners = $Hosts.Pid
        $lingering = { @($HostProcesses | Where-Object { $_.Pid -notin $listeners -and (Test-ProcessAlive $_) }) }
        for ($try = 0; $try -lt 200 -and (& $lingering).Count; $try++) { Start-Sleep -Milliseconds 50 }
        (& $lingering).CommandLine | Should -BeNullOrEmpty
        foreach ($testHost in $Hosts) { Stop-SshTestHost $testHost }
        @($HostProcesses | Where-Object { Test-ProcessAlive $_ }).CommandLine | Should -BeNullOrEmpty
    }
}
