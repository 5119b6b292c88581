# The format views (src/ContainerPS/ContainerPS.format.ps1xml), rendered from real objects: a running container
# with two published ports (-Network Host, 127.0.0.1 only), an exited one (-Network None), an exec result, stats,
# logs, networks, processes and a copied item. Each view is rendered at 80 and 120 columns; its key columns must be
# there and, at 120, no line may be wider. Deserialized copies (what Receive-Job and remoting give) must render the
# same columns, Command and Status included. Run through build.ps1 Test (the containers need its network namespace).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    # What Receive-Job and Invoke-Command give back: a property bag typed Deserialized.<type>.
    function ConvertTo-Deserialized($InputObject) {
        [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($InputObject))
    }

    function Get-Rendering($Objects, [int] $Width, [switch] $Wrap) {
        $text = if ($Wrap) { $Objects | Format-Table -Wrap | Out-String -Width $Width } else { $Objects | Out-String -Width $Width }
        @($text -split "`r?`n")
    }

    # A table's header line is the one above the dashes; a list has "Key : value" lines.
    function Get-Heading([string[]] $Lines) {
        for ($i = 1; $i -lt $Lines.Count; $i++) {
            if ($Lines[$i] -match '^[\s-]+$' -and $Lines[$i] -match '-') { return " $($Lines[$i - 1]) " }
        }
        ' ' + (($Lines | ForEach-Object { if ($_ -match '^(\S.*?)\s*:( |$)') { $Matches[1] } }) -join ' ') + ' '
    }

    $script:Ports = (Get-FreePort), (Get-FreePort)
    $script:Running = Start-Container -Image $Image -Root $Root -Name "vrun$(Get-Random -Maximum 999999)" -Network Host -Command sleep, 1000 -Memory 64MB -PidsLimit 100 `
        -Publish "127.0.0.1:$($Ports[0]):81", "127.0.0.1:$($Ports[1]):82" -PassThru -ErrorAction Stop
    $exitedName = "vexit$(Get-Random -Maximum 999999)"
    Start-Container -Image $Image -Root $Root -Name $exitedName -Network None -Command sh, -c, 'echo hello; echo oops >&2; exit 3' `
        -Wait -ErrorAction SilentlyContinue | Out-Null
    $script:Exited = Get-Container -Name $exitedName -Root $Root -ErrorAction Stop
    $source = Join-Path $TestDrive 'item.txt'
    Set-Content -LiteralPath $source -Value 'copied'

    $script:Cases = @(
        @{ Type = 'Container'; Objects = { Get-Container -Root $Root }
           Key80 = 'ContainerId', 'Name', 'Image', 'Status'; Key120 = 'ContainerId', 'Name', 'Image', 'Status', 'Command', 'Ports' }
        @{ Type = 'ContainerExecResult'; Objects = { Invoke-ContainerCommand -Name $Running.Name -Root $Root -Command sh, -c, 'echo out' -PassThru | Where-Object { $_ -is [ContainerPS.ContainerExecResult] } }
           Key80 = 'ContainerName', 'ExitCode', 'Command'; Key120 = 'ContainerName', 'ExitCode', 'Command', 'Output' }
        @{ Type = 'ContainerStats'; Objects = { Get-ContainerStats -Root $Root -All }
           Key80 = 'ContainerId', 'Name', 'CPU %', 'Mem Usage / Limit', 'Mem %', 'Net I/O'; Key120 = 'ContainerId', 'Name', 'CPU %', 'Mem Usage / Limit', 'Mem %', 'Net I/O', 'Block I/O', 'PIDs', 'Status' }
        @{ Type = 'ContainerLogRecord'; Objects = { Get-ContainerLog -Name $Exited.Name -Root $Root }
           Key80 = 'Timestamp', 'Stream', 'Message'; Key120 = 'Timestamp', 'Stream', 'Message' }
        @{ Type = 'ContainerNetwork'; Objects = { Get-ContainerNetwork -Root $Root }
           Key80 = 'Name', 'Driver', 'Subnet', 'Gateway', 'Interface'; Key120 = 'Name', 'Driver', 'Subnet', 'Gateway', 'Interface', 'Containers', 'Created' }
        @{ Type = 'ContainerProcess'; Objects = { Get-ContainerProcess -Name $Running.Name -Root $Root }
           Key80 = 'ContainerPid', 'User', 'CpuTime', 'Command'; Key120 = 'ContainerPid', 'User', 'CpuTime', 'Command' }
        @{ Type = 'ContainerItem'; Objects = { Copy-ContainerItem -Root $Root -Path (Join-Path $TestDrive 'item.txt') -Destination /item.txt -ToContainer $Running.Name -PassThru }
           Key80 = 'ContainerName', 'ItemType', 'Path'; Key120 = 'ContainerName', 'ItemType', 'Path' }
        @{ Type = 'ContainerChange'; Objects = { Copy-ContainerItem -Root $Root -Path (Join-Path $TestDrive 'item.txt') -Destination /changed.txt -ToContainer $Running.Name; Get-ContainerChange -Container $Running.Name -Root $Root }
           Key80 = 'Kind', 'Path'; Key120 = 'Kind', 'Path' }
        @{ Type = 'PortMapping'; Objects = { $Running.Ports }
           Key80 = 'HostIp', 'HostPort', 'ContainerPort', 'Protocol'; Key120 = 'HostIp', 'HostPort', 'ContainerPort', 'Protocol' }
        @{ Type = 'ContainerLimits'; Objects = { $Running.Limits }
           Key80 = 'Memory', 'Cpus', 'PidsLimit'; Key120 = 'Memory', 'MemorySwap', 'Cpus', 'CpuShares', 'PidsLimit' }
    )
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Every output type' {
    It 'has a view of its own, for the live type and the deserialized one' {
        $outputTypes = [ContainerPS.Container].Assembly.GetExportedTypes() |
            Where-Object { $_.Namespace -eq 'ContainerPS' -and -not $_.IsAbstract -and $_.Name -notlike 'Image*' } | ForEach-Object FullName
        $outputTypes | Should -Not -BeNullOrEmpty
        foreach ($type in $outputTypes) {
            @(Get-FormatData -TypeName $type) | Should -Not -BeNullOrEmpty -Because "$type needs a view"
            @(Get-FormatData -TypeName "Deserialized.$type") | Should -Not -BeNullOrEmpty -Because "Deserialized.$type needs a view"
        }
    }
}

Describe 'The view of <Type>' -ForEach @(
    @{ Type = 'Container' }, @{ Type = 'ContainerExecResult' }, @{ Type = 'ContainerStats' }, @{ Type = 'ContainerLogRecord' },
    @{ Type = 'ContainerNetwork' }, @{ Type = 'ContainerProcess' }, @{ Type = 'ContainerItem' }, @{ Type = 'PortMapping' },
    @{ Type = 'ContainerLimits' }
) {
    BeforeAll {
        $script:Case = $Cases | Where-Object Type -eq $Type
        $script:Objects = @(& $Case.Objects)
        $Objects | Should -Not -BeNullOrEmpty
        $Objects[0].PSTypeNames[0] | Should -Be "ContainerPS.$Type"
    }

    It 'shows its key columns at 80 columns' {
        $heading = Get-Heading (Get-Rendering $Objects 80)
        foreach ($key in $Case.Key80) { $heading | Should -Match " $([regex]::Escape($key)) " }
    }

    It 'shows every column within 120 columns' {
        $lines = Get-Rendering $Objects 120
        $heading = Get-Heading $lines
        foreach ($key in $Case.Key120) { $heading | Should -Match " $([regex]::Escape($key)) " }
        $lines | Where-Object Length -gt 120 | Should -BeNullOrEmpty
    }

    It 'shows a deserialized copy with the same columns and values' {
        $copies = @($Objects | ForEach-Object { ConvertTo-Deserialized $_ })
        $copies[0].PSTypeNames[0] | Should -Be "Deserialized.ContainerPS.$Type"
        $heading = Get-Heading (Get-Rendering $copies 120)
        foreach ($key in $Case.Key120) { $heading | Should -Match " $([regex]::Escape($key)) " }
    }
}

Describe 'The host list' {
    BeforeAll {
        $script:HostInfo = Get-ContainerHost -Root $Root -ErrorAction Stop
        $script:Labels = 'OperatingSystem', 'Kernel', 'CgroupVersion', 'Containers', 'Runtime', 'SeccompEnabled', 'SecurityOptions'
    }

    It 'shows every field on a line of its own within 120 columns, live and deserialized' -ForEach @(@{ Deserialize = $false }, @{ Deserialize = $true }) {
        $object = if ($Deserialize) { ConvertTo-Deserialized $HostInfo } else { $HostInfo }
        $lines = Get-Rendering $object 120
        foreach ($label in $Labels) { $lines | Where-Object { $_ -match "^$label\s+: \S" } | Should -Not -BeNullOrEmpty -Because "$label is shown" }
        $lines | Where-Object Length -gt 120 | Should -BeNullOrEmpty
        ($lines | Where-Object { $_ -match '^Containers\s+: ' }) | Should -Match '^Containers\s+: \d+ \(\d+ running, \d+ paused\)$'
    }
}

Describe 'The container table' {
    It 'names each container and shows its command and status, live and deserialized' {
        foreach ($objects in @((Get-Container -Root $Root), @(Get-Container -Root $Root | ForEach-Object { ConvertTo-Deserialized $_ }))) {
            $lines = Get-Rendering $objects 120
            # Not $running: PowerShell's names ignore case, and $Running is the container.
            $runningLine = $lines | Where-Object { $_.Contains($Running.Name) }
            $runningLine | Should -Match '"(/bin/)?sleep 1' -Because ($lines -join "`n")
            $runningLine | Should -Match ' Up \d+ (seconds|minutes) '
            $exitedLine = $lines | Where-Object { $_.Contains($Exited.Name) }
            $exitedLine | Should -Match '"(/bin/)?sh -c'
            $exitedLine | Should -Match ' Exited \(3\) \d+ (seconds|minutes) ago '
        }
    }

    It 'shows a published port whole at 120 columns and, with -Wrap, every port whole, breaking between them' {
        $first, $second = "127.0.0.1:$($Ports[0])->81/tcp", "127.0.0.1:$($Ports[1])->82/tcp"
        (Get-Rendering (Get-Container $Running.Name -Root $Root) 120) -join "`n" | Should -Match ([regex]::Escape($first))
        $wrapped = Get-Rendering (Get-Container $Running.Name -Root $Root) 120 -Wrap
        $wrapped | Where-Object Length -gt 120 | Should -BeNullOrEmpty
        ($wrapped -join "`n") | Should -Match "$([regex]::Escape($first)),?\s"
        ($wrapped -join "`n") | Should -Match ([regex]::Escape($second))
    }
}
