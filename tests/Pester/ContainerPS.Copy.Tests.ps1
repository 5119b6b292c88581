# Copy-ContainerItem -Root $Root (docker cp) end to end, as root, with the real supervisor and the fixture image test/busybox:latest
# from the loopback registry that build.ps1 Test starts ($env:CONTAINERPS_TEST_REGISTRY). Trees are compared with
# tests/fixtures/Get-TreeManifest.ps1 (contents, modes, numeric owners, mtimes, symlink targets), and the hostile cases
# check that a host sentinel directory, which a container's symlink points at, is never read or written.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-ContainerName { 'cp' + [guid]::NewGuid().ToString('n').Substring(0, 10) }

    # Fails with the command's output when a host tool fails.
    function Invoke-Host([string] $Command, [string[]] $Arguments) {
        $output = & $Command @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "$Command $Arguments failed: $output" }
    }

    # A tree with every kind of entry docker cp keeps: odd owners and modes, old mtimes, relative and absolute symlinks,
    # a fifo, an empty directory, a setuid file and a file bigger than one copy buffer.
    function New-SourceTree([string] $Path) {
        $null = New-Item -ItemType Directory -Path "$Path/sub/deeper", "$Path/empty"
        Set-Content -LiteralPath "$Path/a.txt" -Value 'alpha' -NoNewline
        [IO.File]::WriteAllBytes("$Path/sub/big.bin", [byte[]](1..700000 | ForEach-Object { $_ % 251 }))
        Set-Content -LiteralPath "$Path/sub/deeper/c.txt" -Value 'gamma'
        Invoke-Host ln '-s', '../a.txt', "$Path/sub/rel-link"
        Invoke-Host ln '-s', '/etc/shadow', "$Path/abs-link"
        Invoke-Host mkfifo "$Path/sub/fifo"
        Invoke-Host chmod '0640', "$Path/a.txt"
        Invoke-Host chmod '4755', "$Path/sub/big.bin"
        Invoke-Host chmod '0750', "$Path/sub"
        Invoke-Host chmod '0700', "$Path/empty"
        Invoke-Host chown '-h', '1234:5678', "$Path/a.txt", "$Path/sub/rel-link"
        Invoke-Host chown '-h', '42:43', "$Path/sub", "$Path/sub/deeper/c.txt"
        Invoke-Host chmod '4755', "$Path/sub/big.bin" # chown cleared setuid
        foreach ($entry in Get-ChildItem -LiteralPath $Path -Recurse -Force | Sort-Object { $_.FullName.Length } -Descending) {
            Invoke-Host touch '-h', '-d', '2001-02-03 04:05:06.789', $entry.FullName
        }
        Invoke-Host touch '-h', '-d', '2001-02-03 04:05:06.789', $Path
    }

    $script:Compared = 'Type', 'Mode', 'Uid', 'Gid', 'LinkTarget', 'Size', 'Sha256', 'ModifiedUnixTime'

    # Every difference between two trees, as text, so a failure names them all.
    function Compare-Tree([string] $Expected, [string] $Actual) {
        $ours = @(Get-TreeManifest $Expected)
        $theirs = @(Get-TreeManifest $Actual)
        @(Compare-Object $ours.Path $theirs.Path | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" }) +
        @(Compare-TreeEntry -Ours $ours -Theirs $theirs -Property $Compared)
    }

    function Get-RootInfo([string] $Path) {
        $item = Get-Item -LiteralPath $Path -Force
        '{0} {1} {2}' -f $item.UnixFileMode, (& stat -c '%u:%g' -- $Path), $item.LastWriteTimeUtc.Ticks
    }

    # Where a stopped container's files land: its overlay upper directory.
    function Get-UpperPath([string] $Id) { Join-Path $Root "containers/$Id/upper" }

    function Get-RunningRoot([string] $Name) { "/proc/$((Get-Container $Name -Root $Root).Pid)/root" }

    function Get-MountsOf([string] $Id) { @(Get-Content /proc/self/mountinfo | Where-Object { $_.Contains($Id) }) }

    $script:Source = Join-Path $TestDrive 'source'
    New-SourceTree $Source

    $script:Running = New-ContainerName
    $null = Start-Container -Image $Image -Root $Root -Name $Running -Command sleep, 1000 -ErrorAction Stop
    $script:Stopped = New-ContainerName
    $script:StoppedId = (New-Container -Image $Image -Root $Root -Name $Stopped -Command sleep, 1000 -ErrorAction Stop).Id
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS, TestHelpers -ErrorAction SilentlyContinue
}

Describe 'Copy-ContainerItem keeps a tree whole' {
    It 'copies a tree into a running container and back out: contents, modes, owners, mtimes and symlinks kept' {
        Copy-ContainerItem -Root $Root -Path $Source -Destination /copied -ToContainer $Running -ErrorAction Stop
        Compare-Tree $Source "$(Get-RunningRoot $Running)/copied" | Should -BeNullOrEmpty

        $out = Join-Path $TestDrive 'out-running'
        Copy-ContainerItem -Root $Root -Path /copied -Destination $out -FromContainer $Running -ErrorAction Stop
        Compare-Tree $Source $out | Should -BeNullOrEmpty
        Get-RootInfo $out | Should -Be (Get-RootInfo $Source)
    }

    It 'copies a tree into a stopped container and back out, and leaves no mount behind' {
        Copy-ContainerItem -Root $Root -Path $Source -Destination /copied -ToContainer $Stopped -ErrorAction Stop
        Compare-Tree $Source "$(Get-UpperPath $StoppedId)/copied" | Should -BeNullOrEmpty

        $out = Join-Path $TestDrive 'out-stopped'
        Copy-ContainerItem -Root $Root -Path /copied -Destination $out -FromContainer $Stopped -ErrorAction Stop
        Compare-Tree $Source $out | Should -BeNullOrEmpty
        Get-MountsOf $StoppedId | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath (Join-Path $Root "containers/$StoppedId") -Force -Filter '.copy-*') | Should -BeNullOrEmpty
        (Get-Container $Stopped -Root $Root).Status | Should -Be 'Created'
    }

    It 'reads a stopped container''s image files through its overlay' {
        $out = Join-Path $TestDrive 'passwd-out'
        Copy-ContainerItem -Root $Root -Path /etc/passwd -Destination $out -FromContainer $Stopped -ErrorAction Stop
        Get-Content -LiteralPath $out | Should -Contain 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false'
    }

    It 'takes a Container object and the container sees the copy once it starts' {
        $name = New-ContainerName
        $container = New-Container -Image $Image -Root $Root -Name $name -Command cat, /greeting -ErrorAction Stop
        try {
            $file = Join-Path $TestDrive 'greeting'
            Set-Content -LiteralPath $file -Value 'hello from the host'
            Copy-ContainerItem -Root $Root -Path $file -Destination / -ToContainer $container -ErrorAction Stop
            $output = Start-Container -Name $name -Root $Root -Wait -ErrorAction Stop
            $output | Should -Be 'hello from the host'
        }
        finally { Remove-Container $name -Root $Root -Force }
    }
}

Describe 'Copy-ContainerItem follows docker cp''s destination rules' {
    BeforeAll { Copy-ContainerItem -Root $Root -Path $Source -Destination /rules -ToContainer $Running -ErrorAction Stop }

    It 'puts a file into an existing directory under its own name' {
        $item = Copy-ContainerItem -Root $Root -Path "$Source/a.txt" -Destination /tmp -ToContainer $Running -PassThru -ErrorAction Stop
        $item.Path | Should -Be '/tmp/a.txt'
        $item.ItemType | Should -Be 'File'
        $item.ContainerName | Should -Be $Running
        Get-Content -LiteralPath "$(Get-RunningRoot $Running)/tmp/a.txt" -Raw | Should -Be 'alpha'
    }

    It 'creates a file under a new name and overwrites an existing file' {
        Copy-ContainerItem -Root $Root -Path "$Source/a.txt" -Destination /renamed.txt -ToContainer $Running -ErrorAction Stop
        Copy-ContainerItem -Root $Root -Path "$Source/sub/deeper/c.txt" -Destination /renamed.txt -ToContainer $Running -ErrorAction Stop
        Get-Content -LiteralPath "$(Get-RunningRoot $Running)/renamed.txt" | Should -Be 'gamma'
    }

    It 'copies a directory''s contents with a trailing /.' {
        $out = Join-Path $TestDrive 'contents'
        $null = New-Item -ItemType Directory -Path $out
        $items = @(Copy-ContainerItem -Root $Root -Path /rules/sub/. -Destination $out -FromContainer $Running -PassThru -ErrorAction Stop)
        $items[0] | Should -BeOfType [IO.DirectoryInfo]
        $items[0].FullName | Should -Be $out
        (Get-ChildItem -LiteralPath $out -Force).Name | Sort-Object | Should -Be @('big.bin', 'deeper', 'fifo', 'rel-link')
    }

    It 'copies a directory into an existing directory under its own name and -PassThru gives a DirectoryInfo' {
        $out = Join-Path $TestDrive 'into'
        $null = New-Item -ItemType Directory -Path $out
        $item = Copy-ContainerItem -Root $Root -Path /rules/sub -Destination $out -FromContainer $Running -PassThru -ErrorAction Stop
        $item | Should -BeOfType [IO.DirectoryInfo]
        $item.FullName | Should -Be (Join-Path $out 'sub')
        Test-Path -LiteralPath "$out/sub/deeper/c.txt" | Should -BeTrue
    }

    It 'refuses a file to a missing directory "dir/" and a directory onto a file (CopyFailed)' {
        $null = Copy-ContainerItem -Root $Root -Path "$Source/a.txt" -Destination /no-such-dir/ -ToContainer $Running -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CopyFailed,*'
        $null = Copy-ContainerItem -Root $Root -Path "$Source/sub" -Destination /renamed.txt -ToContainer $Running -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'CopyFailed,*'
        Test-Path -LiteralPath "$(Get-RunningRoot $Running)/no-such-dir" | Should -BeFalse
    }

    It 'does nothing with -WhatIf' {
        Copy-ContainerItem -Root $Root -Path "$Source/a.txt" -Destination /whatif.txt -ToContainer $Running -WhatIf
        Test-Path -LiteralPath "$(Get-RunningRoot $Running)/whatif.txt" | Should -BeFalse
    }

    It 'reports <Id> for <Case>' -ForEach @(
        @{ Case = 'an unknown container'; Id = 'ContainerNotFound'; Arguments = @{ Path = '/etc/passwd'; Destination = '/tmp/x'; FromContainer = 'no-such-container' } }
        @{ Case = 'a missing container path'; Id = 'ContainerPathNotFound'; Arguments = @{ Path = '/no/such/file'; Destination = '/tmp/x' } }
        @{ Case = 'a missing container parent'; Id = 'ContainerPathNotFound'; Arguments = @{ Path = '/etc/passwd'; Destination = '/no/such/dir/x'; To = $true } }
        @{ Case = 'a missing host path'; Id = 'HostPathNotFound'; Arguments = @{ Path = '/no/such/host/file'; Destination = '/tmp'; To = $true } }
    ) {
        $splat = @{} + $Arguments
        $to = $splat.To; $splat.Remove('To')
        if ($to) { $splat.ToContainer = $Running; if ($splat.Path -eq '/etc/passwd') { $splat.Path = "$Source/a.txt" } }
        elseif (-not $splat.FromContainer) { $splat.FromContainer = $Running; $splat.Destination = Join-Path $TestDrive 'err-out' }
        $null = Copy-ContainerItem @splat -Root $Root -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }
}

Describe 'Copy-ContainerItem against hostile containers' {
    BeforeAll {
        # A host directory that the container's symlinks name by its absolute host path: nothing may read or change it.
        $script:Sentinel = Join-Path $TestDrive 'sentinel'
        $null = New-Item -ItemType Directory -Path $Sentinel
        $script:Secret = 'host-secret-' + [guid]::NewGuid().ToString('n')
        Set-Content -LiteralPath "$Sentinel/secret.txt" -Value $Secret
        $script:SentinelBefore = Get-TreeManifest $Sentinel | ConvertTo-Json -Compress
        $script:ShadowHash = (Get-FileHash /etc/shadow).Hash

        function Assert-SentinelUntouched {
            Get-TreeManifest $Sentinel | ConvertTo-Json -Compress | Should -Be $SentinelBefore
            (Get-FileHash /etc/shadow).Hash | Should -Be $ShadowHash
        }

        # No regular file copied out holds the host's secret or a line of the host's shadow file (devices are not read).
        function Assert-NothingLeaked([string] $Path) {
            $needles = @($Secret) + @(Get-Content /etc/shadow | Where-Object { $_ })
            $hits = & grep -r -l -F -D skip -e ($needles -join "`n") -- $Path
            $LASTEXITCODE | Should -Be 1 -Because "grep finds nothing (hits: $hits)"
        }
    }

    It 'copies out a symlink to /etc/shadow as a symlink, never the host''s file' {
        $link = Join-Path $TestDrive 'shadow-link'
        Invoke-Host ln '-s', '/etc/shadow', $link
        Copy-ContainerItem -Root $Root -Path $link -Destination /shadow -ToContainer $Running -ErrorAction Stop
        $out = Join-Path $TestDrive 'shadow-out'
        Copy-ContainerItem -Root $Root -Path /shadow -Destination $out -FromContainer $Running -ErrorAction Stop
        (Get-Item -LiteralPath $out -Force).LinkTarget | Should -Be '/etc/shadow'
        $out2 = Join-Path $TestDrive 'shadow-out2'
        $null = Copy-ContainerItem -Root $Root -Path /shadow/ -Destination $out2 -FromContainer $Running -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ContainerPathNotFound,*'
        Test-Path -LiteralPath $out2 | Should -BeFalse
        Assert-SentinelUntouched
    }

    It 'resolves a symlinked parent inside the container, never on the host' {
        $link = Join-Path $TestDrive 'to-sentinel'
        Invoke-Host ln '-s', $Sentinel, $link
        Copy-ContainerItem -Root $Root -Path $link -Destination /escape -ToContainer $Running -ErrorAction Stop
        $null = Copy-ContainerItem -Root $Root -Path "$Source/a.txt" -Destination /escape/planted.txt -ToContainer $Running -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ContainerPathNotFound,*'
        $null = Copy-ContainerItem -Root $Root -Path /escape/secret.txt -Destination (Join-Path $TestDrive 'escape-out') -FromContainer $Running -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'ContainerPathNotFound,*'
        Assert-SentinelUntouched
    }

    It 'never reads or writes outside the container while it swaps a directory and symlinks to / and to a host path' {
        $name = New-ContainerName
        $loop = "mkdir -p /race; while :; do rm -rf /race/d; mkdir /race/d; echo inside > /race/d/f; rm -rf /race/d; ln -s $Sentinel /race/d; rm -f /race/d; ln -s / /race/d; done"
        $null = Start-Container -Image $Image -Root $Root -Name $name -Command sh, -c, $loop -ErrorAction Stop
        try {
            $out = Join-Path $TestDrive 'race-out'
            $null = New-Item -ItemType Directory -Path $out
            $payload = Join-Path $TestDrive 'payload'
            $null = New-Item -ItemType Directory -Path $payload
            Set-Content -LiteralPath "$payload/planted.txt" -Value 'planted'
            $kinds = @{}
            for ($i = 0; $i -lt 60; $i++) {
                $errors = $null
                Copy-ContainerItem -Root $Root -Path "$payload/planted.txt" -Destination /race/d/ -ToContainer $name -ErrorAction SilentlyContinue -ErrorVariable +errors
                Copy-ContainerItem -Root $Root -Path "$payload/planted.txt" -Destination /race/d/secret.txt -ToContainer $name -ErrorAction SilentlyContinue -ErrorVariable +errors
                Copy-ContainerItem -Root $Root -Path $payload -Destination /race/d -ToContainer $name -ErrorAction SilentlyContinue -ErrorVariable +errors
                Copy-ContainerItem -Root $Root -Path /race/d -Destination "$out/d$i" -FromContainer $name -ErrorAction SilentlyContinue -ErrorVariable +errors
                Copy-ContainerItem -Root $Root -Path /race/d/. -Destination "$out/c$i" -FromContainer $name -ErrorAction SilentlyContinue -ErrorVariable +errors
                Copy-ContainerItem -Root $Root -Path /race/d/secret.txt -Destination "$out/s$i" -FromContainer $name -ErrorAction SilentlyContinue -ErrorVariable +errors
                foreach ($e in $errors) { $kinds[$e.FullyQualifiedErrorId.Split(',')[0]] = $true }
            }
            Assert-SentinelUntouched
            Assert-NothingLeaked $out
            @(Get-ChildItem -LiteralPath $out -Force).Count | Should -BeGreaterThan 0
            # The only failures a race may cause are the copy's own: a path that vanished or changed type mid-copy.
            @($kinds.Keys | Where-Object { $_ -notin 'ContainerPathNotFound', 'CopyFailed', 'SystemCallNotFound', 'SystemCallConflict', 'SystemCallFailed' }) | Should -BeNullOrEmpty
        }
        finally {
            Remove-Container $name -Root $Root -Force
            # rm -rf removes the copied links to / without following them (Pester's TestDrive cleanup would follow them).
            & rm -rf -- (Join-Path $TestDrive 'race-out')
        }
    }

    It 'refuses to write into the container''s /proc' {
        $null = Copy-ContainerItem -Root $Root -Path "$Source/a.txt" -Destination /proc/sys/kernel/hostname -ToContainer $Running -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CopyFailed,*'
    }
}
