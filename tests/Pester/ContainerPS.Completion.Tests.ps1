# Tab completion as a user meets it: TabExpansion2 on real command lines, against the real loopback registry that
# build.ps1 Test starts ($env:CONTAINERPS_TEST_REGISTRY, its images described by $env:CONTAINERPS_TEST_IMAGES) and
# real stores with real (created, never started) containers. Without the registry these tests fail (they are never
# skipped): run them through build.ps1 Test.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    if (-not $env:CONTAINERPS_TEST_REGISTRY -or -not $env:CONTAINERPS_TEST_IMAGES) {
        throw 'CONTAINERPS_TEST_REGISTRY and CONTAINERPS_TEST_IMAGES are not set: run these tests through build.ps1 Test.'
    }
    $script:Registry = $env:CONTAINERPS_TEST_REGISTRY
    $script:Catalog = (Get-Content -Raw $env:CONTAINERPS_TEST_IMAGES | ConvertFrom-Json).images
    $script:Busybox = Get-TestImage

    function New-ThrowawayRoot { Join-Path $TestDrive ([guid]::NewGuid().ToString('n')) }

    # What Tab offers at the end of the line.
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    function Get-CompletionText([string] $Line) { @(Get-Completion $Line | ForEach-Object CompletionText) }

    # Bound but never listening: connections are refused, and nothing else can take the port meanwhile.
    function New-ClosedLoopbackPort {
        $socket = [Net.Sockets.Socket]::new([Net.Sockets.AddressFamily]::InterNetwork, [Net.Sockets.SocketType]::Stream, [Net.Sockets.ProtocolType]::Tcp)
        $socket.Bind([Net.IPEndPoint]::new([Net.IPAddress]::Loopback, 0))
        $socket
    }
}

AfterAll {
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Completion of remote tags and repositories' {
    BeforeAll {
        $script:EmptyRoot = New-ThrowawayRoot
    }

    It 'offers the tags of the repository after repo:' {
        Get-CompletionText "Request-Image -Root $EmptyRoot $Registry/test/busybox:" | Should -Contain "$Registry/test/busybox:latest"
    }

    It 'offers only the tags that start with what is typed, listed by the tag' {
        $completions = Get-Completion "Request-Image -Root $EmptyRoot $Registry/test/multilayer:o"
        $completions.CompletionText | Should -Be "$Registry/test/multilayer:oci"
        $completions.ListItemText | Should -Be 'oci'
    }

    It 'offers every tag the registry has for the repository' {
        $expected = @($Catalog | Where-Object repository -eq 'test/multilayer' | ForEach-Object { "$Registry/test/multilayer:$($_.tag)" })
        Get-CompletionText "Request-Image -Root $EmptyRoot -Reference $Registry/test/multilayer:" | Should -Be ($expected | Sort-Object -CaseSensitive)
    }

    It 'offers the repositories of the registry after host/' {
        $completions = Get-CompletionText "Find-Image -Root $EmptyRoot $Registry/"
        foreach ($repository in $Catalog.repository | Sort-Object -Unique) { $completions | Should -Contain "$Registry/$repository" }
    }

    It 'offers the repositories that start with what is typed' {
        Get-CompletionText "Find-Image -Root $EmptyRoot $Registry/test/multi" | Should -Be "$Registry/test/multiarch", "$Registry/test/multilayer"
    }

    It 'offers repositories, not tags, for Find-Image -Repository' {
        Get-CompletionText "Find-Image -Root $EmptyRoot $Registry/test/busybox:" | Should -BeNullOrEmpty
    }

    It 'offers tags for the image of a run cmdlet, which pulls what is missing' {
        Get-CompletionText "New-Container -Root $EmptyRoot -Image $Registry/test/busybox:" | Should -Contain "$Registry/test/busybox:latest"
    }

    It 'completes nothing and writes no error for a registry that does not answer' {
        $socket = New-ClosedLoopbackPort
        try {
            $Error.Clear()
            $closed = "127.0.0.1:$($socket.LocalEndPoint.Port)"
            Get-Completion "Request-Image -Root $EmptyRoot $closed/test/busybox:" | Should -BeNullOrEmpty
            Get-Completion "Find-Image -Root $EmptyRoot $closed/" | Should -BeNullOrEmpty
            Get-Completion "Request-Image -Root $EmptyRoot $closed/test/busybox:latest -Platform linux/a" | ForEach-Object CompletionText |
                Should -Be 'linux/amd64', 'linux/arm64/v8', 'linux/arm/v7'
            $Error.Count | Should -Be 0
        }
        finally { $socket.Dispose() }
    }

    It 'asks no registry for a name that does not name one, and offers nothing without local images' {
        $Error.Clear()
        Get-Completion "Request-Image -Root $EmptyRoot test/busybox:" | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }

    It 'does not create the store at -Root' {
        Test-Path $EmptyRoot | Should -BeFalse
    }
}

Describe 'Completion of local and remote names together' {
    BeforeAll {
        $script:Root = New-TestStore -Parent $TestDrive
        Add-ImageTag $Busybox 'mybox:1' -Root $Root -ErrorAction Stop
    }

    It 'offers the local names beside the registry''s repositories' {
        $completions = Get-CompletionText "Request-Image -Root $Root $Registry/test/bu"
        $completions | Should -Contain $Busybox
        $completions | Should -Contain "$Registry/test/busybox"
    }

    It 'still offers local names that name no registry' {
        Get-CompletionText "Request-Image -Root $Root myb" | Should -Be 'mybox:1'
    }
}

Describe 'Completion of -Platform' {
    BeforeAll {
        $script:Multiarch = $Catalog | Where-Object name -eq 'multiarch'
        $script:Root = New-TestStore -Parent $TestDrive
    }

    It 'offers the platforms of the remote index for Request-Image -Reference, first' {
        $platforms = @($Multiarch.manifests.platform | Where-Object { $_ -ne 'unknown/unknown' })
        $completions = Get-CompletionText "Request-Image -Root $Root $($Multiarch.reference) -Platform "
        $completions | Should -Contain 'linux/arm64/v8'
        $completions | Should -Not -Contain 'unknown/unknown'
        $completions[0..($platforms.Count - 1)] | Should -Be $platforms
    }

    It 'offers common platforms without a reference' {
        $completions = Get-CompletionText "Request-Image -Platform "
        $completions | Should -Contain 'linux/amd64'
        $completions | Should -Contain 'linux/arm64/v8'
    }

    It 'offers the platform of the local image for a run cmdlet''s -Image, filtered by what is typed' {
        $local = (Get-Image $Busybox -Root $Root).Platform
        $completions = Get-CompletionText "Start-Container -Root $Root -Image $Busybox -Platform "
        $completions[0] | Should -Be $local
        Get-CompletionText "New-Container -Root $Root -Image $Busybox -Platform linux/arm6" | Should -Be 'linux/arm64/v8'
    }
}

Describe 'Completion of signals, capabilities and security options' {
    It 'offers signal names for Stop-Container -Signal' {
        $completions = Get-CompletionText 'Stop-Container -Name web -Signal '
        $completions | Should -Contain 'SIGTERM'
        $completions | Should -Contain 'SIGKILL'
        $completions[0] | Should -Be 'SIGHUP'
    }

    It 'matches signal names with or without SIG typed' {
        Get-CompletionText 'Stop-Container -Name web -Signal ter' | Should -Be 'SIGTERM'
        Get-CompletionText 'Stop-Container -Name web -Signal SIGK' | Should -Be 'SIGKILL'
    }

    It 'offers signal names for -StopSignal of <Command>' -ForEach @(@{ Command = 'Start-Container' }, @{ Command = 'New-Container' }) {
        Get-CompletionText "$Command -Image busybox -StopSignal SIGQ" | Should -Be 'SIGQUIT'
    }

    It 'offers ALL and the capability names for -<Parameter>' -ForEach @(@{ Parameter = 'CapAdd' }, @{ Parameter = 'CapDrop' }) {
        $completions = Get-CompletionText "Start-Container -Image busybox -$Parameter "
        $completions[0] | Should -Be 'ALL'
        $completions | Should -Contain 'CAP_NET_ADMIN'
        $completions | Should -Contain 'CAP_SYS_ADMIN'
    }

    It 'matches capability names with or without CAP_ typed' {
        Get-CompletionText 'New-Container -Image busybox -CapAdd net_' |
            Should -Be 'CAP_NET_ADMIN', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_RAW'
        Get-CompletionText 'New-Container -Image busybox -CapDrop CAP_SYS_A' | Should -Be 'CAP_SYS_ADMIN'
    }

    It 'offers the security options for -SecurityOption of <Command>' -ForEach @(@{ Command = 'Start-Container' }, @{ Command = 'New-Container' }) {
        Get-CompletionText "$Command -Image busybox -SecurityOption " |
            Should -Be 'seccomp=unconfined', 'seccomp=', 'no-new-privileges', 'no-new-privileges=false'
        Get-CompletionText "$Command -Image busybox -SecurityOption no" | Should -Be 'no-new-privileges', 'no-new-privileges=false'
    }
}

Describe 'Completion of containers and their images' {
    BeforeAll {
        $script:Root = New-TestStore -Parent $TestDrive
        $script:Created = @(1..2 | ForEach-Object { New-Container -Image $Busybox -Root $Root -Name "completion$_" -ErrorAction Stop })
    }

    It 'offers the container ids for <Command> -Id' -ForEach @(
        @{ Command = 'Get-Container' }, @{ Command = 'Stop-Container' }, @{ Command = 'Remove-Container' }
        @{ Command = 'Start-Container' }, @{ Command = 'Get-ContainerStats' }
    ) {
        Get-CompletionText "$Command -Root $Root -Id " | Should -Be ($Created.Id | Sort-Object -CaseSensitive)
    }

    It 'offers the id that starts with what is typed, listed with the name' {
        $container = $Created[0]
        $completions = Get-Completion "Get-Container -Root $Root -Id $($container.Id.Substring(0, 8))"
        $completions.CompletionText | Should -Be $container.Id
        $completions.ListItemText | Should -BeLike "* $($container.Name)"
    }

    It 'offers the local image names for Get-Container -Image' {
        Get-CompletionText "Get-Container -Root $Root -Image $Registry/test/b" | Should -Be $Busybox
    }

    It 'still offers container names for -Name' {
        Get-CompletionText "Get-Container -Root $Root -Name completion" | Should -Be 'completion1', 'completion2'
    }
}
