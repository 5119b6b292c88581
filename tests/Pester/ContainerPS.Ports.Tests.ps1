# Published ports end to end, as root: Start-Container -Publish through the real supervisor's proxy, with the fixture
# image test/busybox:latest from the loopback registry that build.ps1 Test starts ($env:CONTAINERPS_TEST_REGISTRY).
# Every container shares the host's network (-Network Host) and every address is 127.0.0.1: traffic stays on the
# loopback. Without the registry or the supervisor these tests fail (never skipped). Waits are bounded loops.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-ContainerName { 'p' + [guid]::NewGuid().ToString('n').Substring(0, 10) }

    # A loopback port nothing listens on now: the kernel's pick, released at once.
    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    function Test-PortOpen([int] $Port) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $Port); $true } catch { $false } finally { $client.Dispose() }
    }

    # busybox httpd on 127.0.0.1:$ContainerPort serving a page, published with -Publish $Publish.
    function Start-WebContainer([string] $Name, [string] $Publish, [int] $ContainerPort, [string] $Page) {
        Start-Container -Image $Image -Root $Root -Name $Name -Network Host -Publish $Publish -ErrorAction Stop -Command sh, -c,
            "mkdir -p /www && echo $Page > /www/index.html && exec httpd -f -p 127.0.0.1:$ContainerPort -h /www"
    }

    # Until httpd listens the proxy's connection to it is refused and the request fails: ask again, a bounded number of times.
    function Get-Page([int] $Port) {
        for ($i = 0; $i -lt 200; $i++) {
            try { return (Invoke-WebRequest "http://127.0.0.1:$Port/" -NoProxy -TimeoutSec 30).Content }
            catch { Start-Sleep -Milliseconds 50 }
        }
        throw "No page from 127.0.0.1:$Port"
    }

    # What a failed start must not leave: the supervisor's state directory, the cgroups, a supervisor process.
    function Get-StartLeftovers([string] $Id) {
        $stateRoot = [ContainerPS.Engine.Runtime.ContainerService]::new($Root).StateRoot
        @(
            Get-Item -LiteralPath (Join-Path $stateRoot $Id) -ErrorAction SilentlyContinue | ForEach-Object { "state: $($_.FullName)" }
            Get-ChildItem -Path '/sys/fs/cgroup/*/containerps', '/sys/fs/cgroup/containerps' -Directory -ErrorAction SilentlyContinue |
                Where-Object Name -EQ $Id | ForEach-Object { "cgroup: $($_.FullName)" }
            Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -Match '^\d+$' | ForEach-Object {
                $cmdline = Get-Content -Raw -LiteralPath "/proc/$($_.Name)/cmdline" -ErrorAction SilentlyContinue
                if ($cmdline -and $cmdline.Contains($Id)) { "process: $($_.Name)" }
            }
        )
    }
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Start-Container -Publish' {
    It 'serves the page of busybox httpd in the container on the published host port, and Get-Container shows the port' {
        $name = New-ContainerName
        $containerPort, $hostPort = (Get-FreePort), (Get-FreePort)
        try {
            Start-WebContainer -Name $name -Publish "127.0.0.1:${hostPort}:$containerPort" -ContainerPort $containerPort -Page hello-ports

            Get-Page $hostPort | Should -Match 'hello-ports'
            $container = Get-Container $name -Root $Root
            $container.Ports.Count | Should -Be 1
            $container.Ports[0].HostIp | Should -Be '127.0.0.1'
            $container.Ports[0].HostPort | Should -Be $hostPort
            $container.Ports[0].ContainerPort | Should -Be $containerPort
            $container.Ports[0].Protocol | Should -Be 'tcp'
            "$($container.Ports[0])" | Should -Be "127.0.0.1:$hostPort->$containerPort/tcp"
            ($container | Out-String -Width 200) | Should -Match ([regex]::Escape("127.0.0.1:$hostPort->$containerPort/tcp"))
        }
        finally { Remove-Container $name -Root $Root -Force -ErrorAction SilentlyContinue }
    }

    It 'picks a free host port when none is given and reports the one it bound' {
        $name = New-ContainerName
        $containerPort = Get-FreePort
        try {
            Start-WebContainer -Name $name -Publish "127.0.0.1::$containerPort" -ContainerPort $containerPort -Page ephemeral
            $port = (Get-Container $name -Root $Root).Ports[0]

            $port.HostPort | Should -BeGreaterThan 0
            $port.HostPort | Should -Not -Be $containerPort
            Get-Page $port.HostPort | Should -Match 'ephemeral'
        }
        finally { Remove-Container $name -Root $Root -Force -ErrorAction SilentlyContinue }
    }

    It 'closes the published port when the container stops, and shows no ports then' {
        $name = New-ContainerName
        $containerPort, $hostPort = (Get-FreePort), (Get-FreePort)
        try {
            Start-WebContainer -Name $name -Publish "127.0.0.1:${hostPort}:$containerPort" -ContainerPort $containerPort -Page bye
            Get-Page $hostPort | Should -Match 'bye'

            $stopped = Stop-Container $name -Root $Root -Timeout 0 -PassThru -ErrorAction Stop

            $stopped.Ports.Count | Should -Be 0
            Test-PortOpen $hostPort | Should -BeFalse
        }
        finally { Remove-Container $name -Root $Root -Force -ErrorAction SilentlyContinue }
    }

    It 'fails a second container that publishes the same host port with PortInUse and leaves no supervisor, state or cgroup' {
        $first, $second = (New-ContainerName), (New-ContainerName)
        $containerPort, $hostPort = (Get-FreePort), (Get-FreePort)
        try {
            Start-WebContainer -Name $first -Publish "127.0.0.1:${hostPort}:$containerPort" -ContainerPort $containerPort -Page first
            $errors = $null

            Start-Container -Image $Image -Root $Root -Name $second -Network Host -Publish "127.0.0.1:${hostPort}:80" -Command sleep, 60 `
                -ErrorVariable errors -ErrorAction SilentlyContinue

            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'PortInUse,*'
            $errors[0].Exception.Message | Should -Match "127.0.0.1:$hostPort"
            $failed = Get-Container $second -Root $Root
            $failed.Status | Should -Be 'Created' # as docker run leaves it
            Get-StartLeftovers $failed.Id | Should -BeNullOrEmpty
            Get-Page $hostPort | Should -Match 'first'
        }
        finally { Remove-Container $first, $second -Root $Root -Force -ErrorAction SilentlyContinue }
    }

    It 'refuses to publish from a container with -Network None (PortsNeedNetwork) and a malformed mapping (InvalidPortMapping)' {
        $before = @(Get-Container -Root $Root).Count
        $errors = $null
        New-Container -Image $Image -Root $Root -Network None -Publish 8080:80 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PortsNeedNetwork,*'

        New-Container -Image $Image -Root $Root -Network Host -Publish '80/sctp' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidPortMapping,*'

        @(Get-Container -Root $Root).Count | Should -Be $before
    }
}
