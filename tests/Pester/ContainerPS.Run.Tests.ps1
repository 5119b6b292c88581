# Start-Container and New-Container as a PowerShell user meets them (issue 9): a start that fails, sizes in docker's
# spelling, exit codes like a native command's, and images piped into a run. As root, with the real supervisor and
# the fixture image test/busybox:latest from the loopback registry that build.ps1 Test starts. No test asserts a duration.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-ContainerName { 'r' + [guid]::NewGuid().ToString('n').Substring(0, 10) }

    # What a container leaves behind: its directory, supervisor state, cgroups and mounts.
    function Get-ContainerLeftovers([string] $Root) {
        $stateRoot = [ContainerPS.Engine.Runtime.ContainerService]::new($Root).StateRoot
        @(
            Get-ChildItem -LiteralPath (Join-Path $Root 'containers') -Force -ErrorAction SilentlyContinue | ForEach-Object { "dir: $($_.FullName)" }
            Get-ChildItem -LiteralPath $stateRoot -Force -ErrorAction SilentlyContinue | ForEach-Object { "state: $($_.FullName)" }
            Get-Content /proc/self/mountinfo | Where-Object { $_.Contains($Root) } | ForEach-Object { "mount: $_" }
        )
    }

    function Get-ContainerCgroup([string] $Id) {
        Get-ChildItem -Path '/sys/fs/cgroup/*/containerps', '/sys/fs/cgroup/containerps' -Directory -ErrorAction SilentlyContinue | Where-Object Name -EQ $Id
    }
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'A start that fails' {
    It 'leaves nothing with -AutoRemove when the command is missing (ContainerCommandNotFound), and its network can be removed' {
        $store = New-TestStore $TestDrive
        $network = 'n' + (Get-Random -Maximum 100000)
        $null = New-ContainerNetwork -Name $network -Subnet 10.124.7.0/24 -Root $store -ErrorAction Stop
        Start-Container -Image $Image -Root $store -Network $network -Command /nosuch -Wait -AutoRemove -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerCommandNotFound,*'
        Get-Container -Root $store | Should -BeNullOrEmpty
        Get-ContainerLeftovers $store | Should -BeNullOrEmpty
        Remove-ContainerNetwork -Name $network -Root $store -ErrorAction Stop
        Get-ContainerNetwork -Name $network -Root $store -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'keeps a failed container without -AutoRemove, with exit code 127 and an Error naming the command, as docker' {
        $name = New-ContainerName
        Start-Container -Image $Image -Root $Root -Name $name -Command /nosuch -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerCommandNotFound,*'
        $kept = Get-Container $name -Root $Root -ErrorAction Stop
        $kept.ExitCode | Should -Be 127
        $kept.Error | Should -BeLike '*/nosuch*'
        Get-ContainerCgroup $kept.Id | Should -BeNullOrEmpty
        Remove-Container $name -Root $Root -ErrorAction Stop
    }

    It 'gives exit code 126 and ContainerCommandNotExecutable for a command that cannot be executed' {
        $name = New-ContainerName
        Start-Container -Image $Image -Root $Root -Name $name -Command /etc -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerCommandNotExecutable,*'
        (Get-Container $name -Root $Root).ExitCode | Should -Be 126
        Remove-Container $name -Root $Root -ErrorAction Stop
    }

    It 'records the failure on a created container that Start-Container -Name could not start' {
        $name = New-ContainerName
        $null = New-Container -Image $Image -Root $Root -Name $name -Command /nosuch -ErrorAction Stop
        Start-Container $name -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerCommandNotFound,*'
        $kept = Get-Container $name -Root $Root
        $kept.ExitCode | Should -Be 127
        $kept.Error | Should -BeLike '*/nosuch*'
        Remove-Container $name -Root $Root
    }

    It 'refuses a memory limit below docker''s floor of 6 MB up front (MemoryLimitTooLow) and leaves nothing' -TestCases @(
        @{ Limits = @{ Memory = 1 } }
        @{ Limits = @{ Memory = 5MB } }
        @{ Limits = @{ Memory = 64MB; MemorySwap = 32MB } }
    ) {
        param($Limits)
        $store = New-TestStore $TestDrive
        Start-Container -Image $Image -Root $store -Command true -Wait -AutoRemove @Limits -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MemoryLimitTooLow,*'
        Get-ContainerLeftovers $store | Should -BeNullOrEmpty
    }
}

Describe 'Sizes in PowerShell''s and docker''s spelling' {
    It 'takes -Memory <Text> as <Bytes> bytes' -TestCases @(
        @{ Text = '512m'; Bytes = 512MB }
        @{ Text = '1g'; Bytes = 1GB }
        @{ Text = '1.5GiB'; Bytes = 1.5GB }
        @{ Text = '1.5g'; Bytes = 1.5GB }
        @{ Text = '10240k'; Bytes = 10MB }
        @{ Text = '64MB'; Bytes = 64MB }
        @{ Text = '536870912'; Bytes = 512MB }
    ) {
        param($Text, $Bytes)
        $container = New-Container -Image $Image -Root $Root -Memory $Text -Command true -ErrorAction Stop
        $container.Limits.Memory | Should -Be $Bytes
        Remove-Container -Id $container.Id -Root $Root
    }

    It 'takes PowerShell numbers, and docker strings for -MemorySwap (-1: unlimited)' {
        $container = New-Container -Image $Image -Root $Root -Memory 512MB -MemorySwap '1g' -Command true -ErrorAction Stop
        $container.Limits.Memory | Should -Be 512MB
        $container.Limits.MemorySwap | Should -Be 1GB
        Remove-Container -Id $container.Id -Root $Root
        $unlimited = New-Container -Image $Image -Root $Root -Memory 536870912 -MemorySwap -1 -Command true -ErrorAction Stop
        $unlimited.Limits.MemorySwap | Should -Be -1
        Remove-Container -Id $unlimited.Id -Root $Root
    }

    It 'refuses a size it cannot read, naming it (a parameter binding error, as PowerShell''s own)' {
        $thrown = { New-Container -Image $Image -Root $Root -Memory 'lots' -Command true } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -PassThru
        $thrown.Exception.Message | Should -BeLike '*lots*'
        Get-Container -Root $Root | Should -BeNullOrEmpty
    }

    It 'runs a container under a docker-spelled limit' {
        $container = Start-Container -Image $Image -Root $Root -Memory 64m -Command true -Wait -PassThru -AutoRemove -ErrorAction Stop
        $container.Limits.Memory | Should -Be 64MB
        $container.ExitCode | Should -Be 0
    }
}

Describe 'Exit codes like a native command''s' {
    BeforeAll {
        $script:Running = New-ContainerName
        $null = Start-Container -Image $Image -Root $Root -Name $Running -Command sleep, 100000 -ErrorAction Stop
    }
    AfterAll { Remove-Container $Running -Root $Root -Force -ErrorAction SilentlyContinue }
    BeforeEach { $global:LASTEXITCODE = -99 }

    It 'Start-Container -Wait sets $LASTEXITCODE and writes no error for a non-zero exit by default' {
        $errors = $null
        $output = Start-Container -Image $Image -Root $Root -Command sh, -c, 'echo out; exit 3' -Wait -AutoRemove -ErrorVariable errors
        $output | Should -Be 'out'
        $global:LASTEXITCODE | Should -Be 3
        $errors | Should -BeNullOrEmpty
    }

    It 'Start-Container -Wait writes ContainerExitedWithError with $PSNativeCommandUseErrorActionPreference, and -PassThru still gives the object' {
        $PSNativeCommandUseErrorActionPreference = $true
        $errors = $null
        $output = @(Start-Container -Image $Image -Root $Root -Command sh, -c, 'exit 3' -Wait -PassThru -AutoRemove -ErrorVariable errors -ErrorAction SilentlyContinue)
        $global:LASTEXITCODE | Should -Be 3
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerExitedWithError,*'
        $errors[0].Exception.ExitCode | Should -Be 3
        $output[-1].ExitCode | Should -Be 3
        $output[-1].OOMKilled | Should -BeFalse
    }

    It 'Start-Container -Wait -ErrorAction Stop with the preference stops, and -AutoRemove has removed the container' {
        $PSNativeCommandUseErrorActionPreference = $true
        $name = New-ContainerName
        { Start-Container -Image $Image -Root $Root -Name $name -Command sh, -c, 'exit 4' -Wait -AutoRemove -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContainerExitedWithError,*'
        $global:LASTEXITCODE | Should -Be 4
        Get-Container $name -Root $Root -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Start-Container -Wait sets $LASTEXITCODE to 0 for a zero exit, with the preference too' {
        $PSNativeCommandUseErrorActionPreference = $true
        $errors = $null
        Start-Container -Image $Image -Root $Root -Command true -Wait -AutoRemove -ErrorVariable errors
        $global:LASTEXITCODE | Should -Be 0
        $errors | Should -BeNullOrEmpty
    }

    It 'Invoke-ContainerCommand sets $LASTEXITCODE and writes no error for a non-zero exit by default' {
        $errors = $null
        Invoke-ContainerCommand $Running -Root $Root -Command sh, -c, 'exit 3' -ErrorVariable errors
        $global:LASTEXITCODE | Should -Be 3
        $errors | Should -BeNullOrEmpty
        Invoke-ContainerCommand $Running -Root $Root -Command true
        $global:LASTEXITCODE | Should -Be 0
    }

    It 'Invoke-ContainerCommand writes ContainerCommandFailed with $PSNativeCommandUseErrorActionPreference' {
        $PSNativeCommandUseErrorActionPreference = $true
        $errors = $null
        Invoke-ContainerCommand $Running -Root $Root -Command sh, -c, 'exit 5' -ErrorVariable errors -ErrorAction SilentlyContinue
        $global:LASTEXITCODE | Should -Be 5
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerCommandFailed,*'
        $errors[0].Exception.ExitCode | Should -Be 5
    }

    It 'Invoke-ContainerCommand -PassThru sets $LASTEXITCODE and gives the result, never an error' {
        $PSNativeCommandUseErrorActionPreference = $true
        $errors = $null
        $result = Invoke-ContainerCommand $Running -Root $Root -Command sh, -c, 'exit 6' -PassThru -ErrorVariable errors
        $result.ExitCode | Should -Be 6
        $global:LASTEXITCODE | Should -Be 6
        $errors | Should -BeNullOrEmpty
    }
}

Describe 'Images piped into a run' {
    It 'Get-Image | Start-Container takes the image by value, with -Command' {
        $output = Get-Image $Image -Root $Root | Start-Container -Root $Root -Command echo, piped -Wait -AutoRemove -ErrorAction Stop
        $output | Should -Be 'piped'
    }

    It 'Get-Image | New-Container takes the image by value; the container is made from that image' {
        $image = Get-Image $Image -Root $Root
        $container = $image | New-Container -Root $Root -Command true -ErrorAction Stop
        $container.ImageId | Should -Be $image.Id
        Remove-Container -Id $container.Id -Root $Root
    }

    It 'takes an object with a Reference property (by property name), as from remoting or Import-Csv' {
        $image = Get-Image $Image -Root $Root
        $container = [pscustomobject]@{ Reference = $Image } | New-Container -Root $Root -Command true -ErrorAction Stop
        $container.ImageId | Should -Be $image.Id
        Remove-Container -Id $container.Id -Root $Root
        $started = [pscustomobject]@{ Reference = $Image } | Start-Container -Root $Root -Command true -Wait -PassThru -AutoRemove -ErrorAction Stop
        $started.ExitCode | Should -Be 0
    }

    It 'takes a dangling image (only an Id) by value' {
        $store = New-TestStore $TestDrive
        Get-Image -Root $store | ForEach-Object { Remove-ImageTag $_.Names -Root $store }
        $dangling = @(Get-Image -Root $store -Dangling)
        $dangling.Count | Should -Be 1
        $container = $dangling | New-Container -Root $store -Command true -ErrorAction Stop
        $container.ImageId | Should -Be $dangling[0].Id
        Remove-Container -Id $container.Id -Root $store
    }

    It 'still starts existing containers from Get-Container, and from objects with their Name or Id' {
        $name = New-ContainerName
        $created = New-Container -Image $Image -Root $Root -Name $name -Command sleep, 1000 -ErrorAction Stop
        (Get-Container $name -Root $Root | Start-Container -Root $Root -PassThru -ErrorAction Stop).Status | Should -Be 'Running'
        Stop-Container $name -Root $Root -Timeout 0
        # A deserialized container (remoting, jobs) has Name, Id and Image: it names the existing container.
        $started = [pscustomobject]@{ Name = $name; Id = $created.Id; Image = $Image } | Start-Container -Root $Root -PassThru -ErrorAction Stop
        $started.Id | Should -Be $created.Id
        Stop-Container $name -Root $Root -Timeout 0
        [pscustomobject]@{ Id = $created.Id } | Start-Container -Root $Root -PassThru -ErrorAction Stop | ForEach-Object Id | Should -Be $created.Id
        Remove-Container $name -Root $Root -Force
    }
}
