# Bridge networking end to end, as root: real bridges, veth pairs, network namespaces and iptables rules.
# These tests must run in a network namespace of their own (build.ps1 Test runs its whole test phase under
# `unshare --net`), so the host's interfaces, routes and firewall are never touched: they fail, never skip, in the
# host's namespace. Traffic goes only to 127.0.0.1 (the test registry) and to the containers the tests create.

BeforeAll {
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop

    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-ContainerName { 'c' + [guid]::NewGuid().ToString('n').Substring(0, 10) }

    # A busybox httpd serving one page that names the container; it runs until removed.
    function Start-WebContainer([string] $Name, [string] $Network = 'Bridge') {
        $script = "mkdir -p /www && echo page-from-$Name > /www/index.html && exec httpd -f -p 80 -h /www"
        Start-Container -Image $Image -Root $Root -Name $Name -Network $Network -Command sh, -c, $script -PassThru -ErrorAction Stop
    }

    # Runs a command in a new container to its end: its stdout lines and the exited container.
    function Invoke-InContainer([string[]] $Command, [string] $Network = 'Bridge', [string] $Name = (New-ContainerName)) {
        $output = @(Start-Container -Image $Image -Root $Root -Name $Name -Network $Network -Command $Command -Wait -PassThru -AutoRemove -ErrorAction Stop)
        [pscustomobject]@{
            Stdout    = @($output | Where-Object { $_ -is [string] })
            Container = $output | Where-Object { $_ -is [ContainerPS.Container] } | Select-Object -Last 1
        }
    }

    # wget until the server answers: httpd may not listen yet when the container has just started (bounded, not timed).
    function Get-PageFromContainer([string] $Url, [string] $Network = 'Bridge') {
        Invoke-InContainer @('sh', '-c', "for i in `$(seq 100); do wget -qO- $Url && exit 0; sleep 0.1; done; exit 1") $Network
    }

    function Get-FromHost([string] $Url) {
        for ($i = 0; $i -lt 100; $i++) {
            try { return (Invoke-WebRequest -Uri $Url -TimeoutSec 5 -NoProxy).Content.Trim() }
            catch { Start-Sleep -Milliseconds 100 }
        }
        throw "No answer from $Url"
    }

    # Where the containers and networks of every store in this network namespace lease addresses and claim subnets
    # (AddressLeases, SubnetClaims): other namespaces (other test runs) keep theirs apart.
    function Get-NamespaceName { 'net-' + ((Get-Item /proc/thread-self/ns/net).LinkTarget -replace '\D', '') }
    function Get-LeaseDirectory { "/run/containerps/leases/$(Get-NamespaceName)" }
    function Get-SubnetClaimDirectory { "/run/containerps/subnets/$(Get-NamespaceName)" }

    # What removing every container and network must leave empty in this namespace.
    function Get-NetworkLeftovers {
        $stateRoot = [ContainerPS.Engine.Runtime.ContainerService]::new($Root).StateRoot
        @(
            ip -o link | Where-Object { $_ -match ': (containerps0|cps-[0-9a-f]+|veth[0-9a-f]+)[@:]' } | ForEach-Object { "link: $_" }
            iptables-save | Where-Object { $_ -match 'containerps:' } | ForEach-Object { "rule: $_" }
            Get-ChildItem -LiteralPath (Get-LeaseDirectory) -Recurse -Force -ErrorAction SilentlyContinue | ForEach-Object { "lease: $($_.FullName)" }
            Get-ChildItem -LiteralPath (Join-Path $stateRoot 'netns') -Force -ErrorAction SilentlyContinue | ForEach-Object { "netns: $($_.FullName)" }
            Get-ChildItem -LiteralPath (Get-SubnetClaimDirectory) -Force -ErrorAction SilentlyContinue | ForEach-Object { "subnet claim: $($_.FullName)" }
            Get-Content /proc/self/mountinfo | Where-Object { $_.Contains($stateRoot) -or $_.Contains($Root) } | ForEach-Object { "mount: $_" }
            Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -Match '^\d+$' | ForEach-Object {
                $cmdline = Get-Content -Raw -LiteralPath "/proc/$($_.Name)/cmdline" -ErrorAction SilentlyContinue
                if ($cmdline -and $cmdline.Contains($stateRoot)) { "process: $($_.Name) $($cmdline -replace "`0", ' ')" }
            }
        )
    }
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Force -Root $Root -ErrorAction SilentlyContinue
    Get-ContainerNetwork -Root $Root -ErrorAction SilentlyContinue | Remove-ContainerNetwork -Root $Root -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'The default bridge network' {
    BeforeAll {
        $script:WebName = New-ContainerName
        $script:Web = Start-WebContainer $WebName
    }

    AfterAll { Remove-Container -Name $WebName -Root $Root -Force -ErrorAction SilentlyContinue }

    It 'is what Start-Container uses without -Network: eth0 with an address of 10.88.0.0/16 and a default route through 10.88.0.1' {
        $Web.Network | Should -Be 'bridge'
        $Web.IPAddress | Should -Match '^10\.88\.\d+\.\d+$'
        $run = Invoke-InContainer @('sh', '-c', 'ip -o -4 addr show dev eth0; ip route; ls /sys/class/net')
        $text = $run.Stdout -join "`n"
        $run.Container.IPAddress | Should -Match '^10\.88\.\d+\.\d+$'
        $text | Should -Match "eth0\s+inet $([regex]::Escape($run.Container.IPAddress))/16"
        $run.Container.IPAddress | Should -Not -Be $Web.IPAddress
        $text | Should -Match '(?m)^default via 10\.88\.0\.1 dev eth0'
        ($run.Stdout | Where-Object { $_ -in 'eth0', 'lo' }) | Should -Be @('eth0', 'lo')
    }

    It 'lets a second container fetch the first one''s page by the first one''s name' {
        (Get-PageFromContainer "http://$WebName/").Stdout | Should -Be "page-from-$WebName"
    }

    It 'lets the host reach a container at its address' {
        Get-FromHost "http://$($Web.IPAddress)/" | Should -Be "page-from-$WebName"
    }

    It 'serves a page of a container on the bridge through a published port on 127.0.0.1, and a peer fetches it by name' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $name = New-ContainerName
        $script = "mkdir -p /www && echo published-$name > /www/index.html && exec httpd -f -p 80 -h /www"
        $published = Start-Container -Image $Image -Root $Root -Name $name -Publish "127.0.0.1:${port}:80" -Command sh, -c, $script -PassThru -ErrorAction Stop
        try {
            "$($published.Ports)" | Should -Be "127.0.0.1:$port->80/tcp"
            Get-FromHost "http://127.0.0.1:$port/" | Should -Be "published-$name"
            (Get-PageFromContainer "http://$name/").Stdout | Should -Be "published-$name"
        }
        finally { Remove-Container -Name $name -Root $Root -Force }
    }

    It 'keeps the addresses of two stores on the one default bridge apart, and their leases go with the containers' {
        $otherRoot = New-TestStore $TestDrive
        $other = Start-Container -Image $Image -Root $otherRoot -Command sleep, 60 -PassThru -ErrorAction Stop
        try {
            $other.IPAddress | Should -Not -Be $Web.IPAddress
            @(Get-ChildItem (Join-Path (Get-LeaseDirectory) containerps0)).Name | Should -Contain $other.IPAddress
            (Get-PageFromContainer "http://$($Web.IPAddress)/").Stdout | Should -Be "page-from-$WebName"
        }
        finally { Remove-Container -Id $other.Id -Root $otherRoot -Force }
        Test-Path (Join-Path (Get-LeaseDirectory) "containerps0/$($other.IPAddress)") | Should -BeFalse
    }

    It 'writes /etc/hosts with the container and its peers, /etc/hostname, and resolv.conf without loopback nameservers' {
        $name = New-ContainerName
        $run = Invoke-InContainer @('sh', '-c', 'cat /etc/hosts; echo ---; cat /etc/hostname; echo ---; cat /etc/resolv.conf') -Name $name
        $hosts, $hostname, $resolv = ($run.Stdout -join "`n") -split "`n---`n"
        $hosts | Should -Match '(?m)^127\.0\.0\.1\tlocalhost$'
        $hosts | Should -Match "(?m)^$([regex]::Escape($run.Container.IPAddress))\t$($run.Container.ShortId) $name$"
        $hosts | Should -Match "(?m)^$([regex]::Escape($Web.IPAddress))\t$WebName$"
        $hostname.Trim() | Should -Be $run.Container.ShortId
        $resolv | Should -Match '(?m)^nameserver '
        $resolv | Should -Not -Match '(?m)^nameserver\s+(127\.|::1)'
    }

    It 'rewrites a running container''s /etc/hosts in place when another joins and when it leaves' {
        $peer = New-ContainerName
        $started = Start-Container -Image $Image -Root $Root -Name $peer -Command sleep, 1000 -PassThru -ErrorAction Stop
        $hostsFile = Join-Path $Root "containers/$($Web.Id)/hosts"
        Get-Content $hostsFile | Should -Contain "$($started.IPAddress)`t$peer"
        Remove-Container -Name $peer -Root $Root -Force -ErrorAction Stop
        Get-Content $hostsFile | Should -Not -Contain "$($started.IPAddress)`t$peer"
    }

    It 'names a renamed container by its new name in the other containers'' /etc/hosts' {
        $old, $new = (New-ContainerName), (New-ContainerName)
        $started = Start-Container -Image $Image -Root $Root -Name $old -Command sleep, 1000 -PassThru -ErrorAction Stop
        Rename-Container -Name $old -NewName $new -Root $Root -ErrorAction Stop
        $hostsFile = Join-Path $Root "containers/$($Web.Id)/hosts"
        Get-Content $hostsFile | Should -Contain "$($started.IPAddress)`t$new"
        Get-Content $hostsFile | Should -Not -Contain "$($started.IPAddress)`t$old"
        Remove-Container -Name $new -Root $Root -Force -ErrorAction Stop
    }

    It 'keeps -Network None to the loopback interface, and gives host mode the host''s resolv.conf' {
        (Invoke-InContainer @('ls', '/sys/class/net') -Network None).Stdout | Should -Be 'lo'
        $none = Start-Container -Image $Image -Root $Root -Network None -Command true -Wait -PassThru -AutoRemove -ErrorAction Stop
        $none.IPAddress | Should -BeNullOrEmpty
        $none.Network | Should -Be 'none'
        (Invoke-InContainer @('cat', '/etc/resolv.conf') -Network Host).Stdout | Should -Be @(Get-Content /etc/resolv.conf)
    }

    It 'gives a restarted container its network back, at the same address' {
        $name = New-ContainerName
        $first = Start-Container -Image $Image -Root $Root -Name $name -Command sh, -c, 'ip -o -4 addr show dev eth0' -Wait -PassThru -ErrorAction Stop
        $again = Start-Container -Name $name -Root $Root -Wait -PassThru -ErrorAction Stop
        ($again | Where-Object { $_ -is [ContainerPS.Container] }).IPAddress | Should -Be ($first | Where-Object { $_ -is [ContainerPS.Container] }).IPAddress
        ($again | Where-Object { $_ -is [string] }) | Should -Match "inet $([regex]::Escape(($first | Where-Object { $_ -is [ContainerPS.Container] }).IPAddress))/16"
        Remove-Container -Name $name -Root $Root -ErrorAction Stop
    }
}

Describe 'User-defined networks' {
    It 'New-ContainerNetwork makes a bridge with the subnet and gateway; Get-ContainerNetwork lists it with wildcards' {
        $network = New-ContainerNetwork -Name 'front' -Subnet 10.123.0.0/24 -Root $Root -ErrorAction Stop
        $network.Subnet | Should -Be '10.123.0.0/24'
        $network.Gateway | Should -Be '10.123.0.1'
        $network.Driver | Should -Be 'bridge'
        ip -o -4 addr show dev $network.Interface | Should -Match 'inet 10\.123\.0\.1/24'
        (Get-ContainerNetwork -Name 'fr*' -Root $Root).Name | Should -Be 'front'
        (Get-ContainerNetwork -Name 'nothing*' -Root $Root) | Should -BeNullOrEmpty
    }

    It 'serves containers by name inside the network, from the network''s subnet, and not to the default bridge''s' {
        $name = New-ContainerName
        $web = Start-WebContainer $name -Network front
        $web.IPAddress | Should -Be '10.123.0.2'
        (Get-PageFromContainer "http://$name/" -Network front).Stdout | Should -Be "page-from-$name"
        (Get-ContainerNetwork front -Root $Root).Containers | Should -Be @($name)
        (Invoke-InContainer @('cat', '/etc/hosts')).Stdout | Should -Not -Match "\t$name$"
        Get-FromHost "http://$($web.IPAddress)/" | Should -Be "page-from-$name"
        Remove-Container -Name $name -Root $Root -Force -ErrorAction Stop
    }

    It 'refuses <Case> with <ErrorId>' -ForEach @(
        @{ Case = 'an existing name'; ErrorId = 'NetworkExists'; Arguments = @{ Name = 'front'; Subnet = '10.124.0.0/24' } }
        @{ Case = 'a subnet with host bits'; ErrorId = 'InvalidSubnet'; Arguments = @{ Name = 'x1'; Subnet = '10.124.0.1/24' } }
        @{ Case = 'a subnet that overlaps another network'; ErrorId = 'SubnetOverlaps'; Arguments = @{ Name = 'x2'; Subnet = '10.123.0.128/25' } }
        @{ Case = 'a gateway outside the subnet'; ErrorId = 'InvalidGateway'; Arguments = @{ Name = 'x3'; Subnet = '10.125.0.0/24'; Gateway = '10.126.0.1' } }
        @{ Case = 'a reserved name'; ErrorId = 'InvalidNetworkName'; Arguments = @{ Name = 'host'; Subnet = '10.127.0.0/24' } }
        @{ Case = 'the default network''s name'; ErrorId = 'InvalidNetworkName'; Arguments = @{ Name = 'Bridge'; Subnet = '10.127.0.0/24' } }
        @{ Case = 'a subnet inside the default bridge''s 10.88.0.0/16'; ErrorId = 'SubnetOverlaps'; Arguments = @{ Name = 'x4'; Subnet = '10.88.5.0/24' } }
        @{ Case = 'a subnet around the default bridge''s'; ErrorId = 'SubnetOverlaps'; Arguments = @{ Name = 'x5'; Subnet = '10.0.0.0/8' } }
    ) {
        $errors = $null
        New-ContainerNetwork @Arguments -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
    }

    It 'creates nothing with -WhatIf and picks a free subnet when none is given' {
        New-ContainerNetwork -Name 'maybe' -Root $Root -WhatIf | Should -BeNullOrEmpty
        Get-ContainerNetwork -Name 'maybe' -Root $Root -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $auto = New-ContainerNetwork -Name 'auto' -Root $Root -ErrorAction Stop
        $auto.Subnet | Should -Match '^10\.89\.\d+\.0/24$'
        Remove-ContainerNetwork -Name 'auto' -Root $Root -ErrorAction Stop
    }

    It 'does not start a container on a network that does not exist: NetworkNotFound' {
        $errors = $null
        New-Container -Image $Image -Root $Root -Network 'nosuch' -Command true -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NetworkNotFound,*'
    }

    It 'does not remove a network that a container uses: NetworkInUse; it goes once the container has' {
        $name = New-ContainerName
        New-Container -Image $Image -Root $Root -Name $name -Network front -Command true -ErrorAction Stop | Out-Null
        $errors = $null
        Remove-ContainerNetwork -Name front -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NetworkInUse,*'
        Remove-Container -Name $name -Root $Root -ErrorAction Stop
        Get-ContainerNetwork -Name front -Root $Root | Remove-ContainerNetwork -Root $Root -ErrorAction Stop
        $errors = $null
        Get-ContainerNetwork -Name front -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NetworkNotFound,*'
    }

    It 'removes with -Unused every network of the store no container uses, and nothing else (docker network prune)' {
        $null = New-ContainerNetwork -Name 'idle' -Root $Root -ErrorAction Stop
        $null = New-ContainerNetwork -Name 'held' -Root $Root -ErrorAction Stop
        $holder = New-ContainerName
        $null = New-Container -Image $Image -Root $Root -Name $holder -Network held -Command true -ErrorAction Stop
        Remove-ContainerNetwork -Unused -Root $Root -WhatIf
        @(Get-ContainerNetwork -Name idle, held -Root $Root).Count | Should -Be 2
        Remove-ContainerNetwork -Unused -Root $Root -ErrorAction Stop
        @(Get-ContainerNetwork -Root $Root).Name | Should -Not -Contain 'idle'
        @(Get-ContainerNetwork -Root $Root).Name | Should -Contain 'held'
        @(Get-ContainerNetwork -Root $Root).Name | Should -Contain 'bridge'
        Remove-Container -Name $holder -Root $Root -ErrorAction Stop
        Remove-ContainerNetwork -Unused -Root $Root -ErrorAction Stop
        @(Get-ContainerNetwork -Root $Root).Name | Should -Not -Contain 'held'
    }
}

Describe 'The built-in networks' {
    It 'lists bridge, host and none on a new store: the default bridge with its subnet, not made yet' {
        $newRoot = New-TestStore $TestDrive
        $networks = @(Get-ContainerNetwork -Root $newRoot -ErrorAction Stop)
        $networks.Name | Should -Be @('bridge', 'host', 'none')
        $networks.BuiltIn | Should -Be @($true, $true, $true)
        $bridge = $networks[0]
        $bridge.Subnet | Should -Be '10.88.0.0/16'
        $bridge.Gateway | Should -Be '10.88.0.1'
        $bridge.Driver | Should -Be 'bridge'
        $bridge.CreatedAt | Should -BeNullOrEmpty
        $networks[1].Driver | Should -Be 'host'
        (Get-ContainerNetwork -Name None -Root $newRoot -ErrorAction Stop).Name | Should -Be 'none'
    }

    It 'shows the default bridge as made once a container made it, with the containers on it' {
        $name = New-ContainerName
        $container = Start-Container -Image $Image -Root $Root -Name $name -Command sleep, 1000 -PassThru -ErrorAction Stop
        try {
            $bridge = Get-ContainerNetwork -Name bridge -Root $Root -ErrorAction Stop
            $bridge.CreatedAt | Should -Not -BeNullOrEmpty
            $bridge.Containers | Should -Contain $name
            $bridge.Interface | Should -Be 'containerps0'
        }
        finally { Remove-Container -Id $container.Id -Root $Root -Force }
    }

    It 'keeps a new network out of the default bridge''s 10.88.0.0/16 before the bridge is made: SubnetOverlaps' {
        $newRoot = New-TestStore $TestDrive
        $errors = $null
        New-ContainerNetwork -Name 'inside' -Subnet 10.88.5.0/24 -Root $newRoot -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SubnetOverlaps,*'
        $errors[0].Exception.Message | Should -Match 'bridge'
    }

    It 'cannot remove host or none: NetworkPredefined' {
        $errors = $null
        Remove-ContainerNetwork -Name host, none -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'NetworkPredefined,*' }
    }
}

Describe 'Subnets taken elsewhere on the host' {
    It 'refuses a subnet that overlaps a network of another store; it is free again once that network is removed' {
        $otherRoot = New-TestStore $TestDrive
        New-ContainerNetwork -Name 'theirs' -Subnet 10.131.0.0/24 -Root $otherRoot -ErrorAction Stop | Out-Null
        try {
            $errors = $null
            New-ContainerNetwork -Name 'mine' -Subnet 10.131.0.128/25 -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'SubnetOverlaps,*'
            $errors[0].Exception.Message | Should -Match 'theirs'
            (New-ContainerNetwork -Name 'auto-beside' -Root $Root -ErrorAction Stop).Subnet | Should -Not -Be '10.131.0.0/24'
        }
        finally {
            Remove-ContainerNetwork -Name 'theirs' -Root $otherRoot -ErrorAction Stop
            Remove-ContainerNetwork -Name 'auto-beside' -Root $Root -ErrorAction SilentlyContinue
        }
        $mine = New-ContainerNetwork -Name 'mine' -Subnet 10.131.0.128/25 -Root $Root -ErrorAction Stop
        $mine.Subnet | Should -Be '10.131.0.128/25'
        Remove-ContainerNetwork -Name 'mine' -Root $Root -ErrorAction Stop
        Get-ChildItem -LiteralPath (Get-SubnetClaimDirectory) -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'forgets the claim of a store that is gone without removing its network' {
        $goneRoot = New-TestStore $TestDrive
        $gone = New-ContainerNetwork -Name 'gone' -Subnet 10.133.0.0/24 -Root $goneRoot -ErrorAction Stop
        # The store loses its definition (as if deleted) and its bridge (whose route would count on its own).
        $definition = Join-Path $goneRoot 'networks/gone.json'
        Move-Item -LiteralPath $definition -Destination "$definition.away"
        ip link del $gone.Interface
        try {
            $again = New-ContainerNetwork -Name 'again' -Subnet 10.133.0.0/24 -Root $Root -ErrorAction Stop
            $again.Subnet | Should -Be '10.133.0.0/24'
            Remove-ContainerNetwork -Name 'again' -Root $Root -ErrorAction Stop
        }
        finally {
            Move-Item -LiteralPath "$definition.away" -Destination $definition
            Remove-ContainerNetwork -Name 'gone' -Root $goneRoot -ErrorAction Stop # its firewall rules
        }
    }

    It 'refuses a subnet that overlaps a route of the host, naming the route' {
        ip route add 10.132.0.0/24 dev lo
        try {
            $errors = $null
            New-ContainerNetwork -Name 'routed' -Subnet 10.132.0.0/25 -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'SubnetOverlaps,*'
            $errors[0].Exception.Message | Should -Match '10\.132\.0\.0/24'
        }
        finally { ip route del 10.132.0.0/24 dev lo }
    }
}

Describe 'Cleanup' {
    It 'leaves no interfaces, firewall rules, namespace files, mounts or processes once the containers and networks are removed' {
        $name = New-ContainerName
        New-ContainerNetwork -Name 'back' -Subnet 10.130.0.0/24 -Root $Root -ErrorAction Stop | Out-Null
        Start-WebContainer $name -Network back | Out-Null
        Start-WebContainer "$name-2" | Out-Null
        Get-NetworkLeftovers | Should -Not -BeNullOrEmpty

        Get-Container -Root $Root | Remove-Container -Root $Root -Force -ErrorAction Stop
        Get-ContainerNetwork -Root $Root | Where-Object Name -NotIn 'host', 'none' | Remove-ContainerNetwork -Root $Root -ErrorAction Stop

        Get-NetworkLeftovers | Should -BeNullOrEmpty
    }
}
