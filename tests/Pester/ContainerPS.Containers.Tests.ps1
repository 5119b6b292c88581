# The container cmdlets end to end, as root: the real supervisor (containerps-shim), real namespaces and cgroups,
# and the fixture image test/busybox:latest from the loopback registry that build.ps1 Test starts:
#   $env:CONTAINERPS_TEST_REGISTRY  host:port of that registry
#   $env:CONTAINERPS_SHIM           the supervisor, when it is not staged next to the module (out/ContainerPS)
# Without the registry or the supervisor these tests fail (they are never skipped): run them through build.ps1 Test.
# No test asserts a duration; waits are bounded loops over real state.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop

    $script:Shim = if ($env:CONTAINERPS_SHIM) { $env:CONTAINERPS_SHIM } else { Join-Path $ModulePath 'containerps-shim' }
    if (-not (Test-Path -LiteralPath $Shim -PathType Leaf)) {
        throw "The supervisor is missing at '$Shim': build it (build.ps1 stages it next to the module) or set CONTAINERPS_SHIM."
    }
    $script:Image = Get-TestImage

    function New-ThrowawayRoot { Join-Path $TestDrive ([guid]::NewGuid().ToString('n')) }

    # A store with the busybox image pulled, for a Describe block to share.
    function New-StoreWithImage {
        $root = New-ThrowawayRoot
        Request-Image $Image -Root $root -ErrorAction Stop
        $root
    }

    function New-ContainerName { 'c' + [guid]::NewGuid().ToString('n').Substring(0, 10) }

    # Runs a command in a new container to its end (docker run --rm): stdout lines, stderr lines, the exited container.
    function Invoke-InContainer {
        param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string[]] $Command, [hashtable] $Options = @{})
        $errors = $null
        $output = @(Start-Container -Image $Image -Root $Root -Command $Command -Wait -PassThru -AutoRemove @Options `
                -ErrorVariable errors -ErrorAction SilentlyContinue)
        [pscustomobject]@{
            Stdout    = @($output | Where-Object { $_ -is [string] })
            Stderr    = @($errors | Where-Object FullyQualifiedErrorId -Like 'ContainerStderr*' | ForEach-Object { $_.Exception.Message })
            Errors    = @($errors | Where-Object FullyQualifiedErrorId -NotLike 'ContainerStderr*')
            Container = $output | Where-Object { $_ -is [ContainerPS.Container] } | Select-Object -Last 1
        }
    }

    # What a container's cleanup must leave empty: its directory, state, cgroups, mounts and processes.
    function Get-ContainerLeftovers([string] $Root, [string[]] $Ids) {
        $stateRoot = [ContainerPS.Engine.Runtime.ContainerService]::new($Root).StateRoot
        $containersDir = Join-Path $Root 'containers'
        @(
            Get-ChildItem -LiteralPath $containersDir -Force -ErrorAction SilentlyContinue | ForEach-Object { "dir: $($_.FullName)" }
            Get-ChildItem -LiteralPath $stateRoot -Force -ErrorAction SilentlyContinue | ForEach-Object { "state: $($_.FullName)" }
            Get-ChildItem -Path '/sys/fs/cgroup/*/containerps', '/sys/fs/cgroup/containerps' -Directory -ErrorAction SilentlyContinue |
                Where-Object Name -In $Ids | ForEach-Object { "cgroup: $($_.FullName)" }
            Get-Content /proc/self/mountinfo | Where-Object { $_.Contains($Root) } | ForEach-Object { "mount: $_" }
            Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -Match '^\d+$' | ForEach-Object {
                $cmdline = Get-Content -Raw -LiteralPath "/proc/$($_.Name)/cmdline" -ErrorAction SilentlyContinue
                if ($cmdline -and ($cmdline.Contains($stateRoot) -or @($Ids | Where-Object { $cmdline.Contains($_) }).Count)) { "process: $($_.Name) $($cmdline -replace "`0", ' ')" }
            }
        )
    }
}

AfterAll {
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Isolation: what the container process sees' {
    BeforeAll { $script:Root = New-StoreWithImage }
    AfterAll { Remove-TestContainers $Root }

    It 'runs the entrypoint as PID 1, which sees only its own processes' {
        # The glob expands inside the shell itself: no other process is started to list /proc.
        $run = Invoke-InContainer $Root @('sh', '-c', 'echo $$; for p in /proc/[0-9]*; do echo ${p#/proc/}; done')
        $run.Stdout | Should -Be @('1', '1')
        $run.Container.ExitCode | Should -Be 0
    }

    It 'runs a reaping init as PID 1 with -Init, the entrypoint under it, and reaps orphans' {
        # sh starts a background child and exits without waiting: the orphan is re-parented to PID 1, which must reap it.
        $script = 'echo $$; sleep 0.2 & sleep 0.5; for p in /proc/[0-9]*; do s=$(cut -d" " -f3 $p/stat 2>/dev/null); [ "$s" = Z ] && echo zombie; done; echo done'
        $run = Invoke-InContainer $Root @('sh', '-c', $script) @{ Init = $true }
        $run.Stdout[0] | Should -Not -Be '1'
        $run.Stdout | Should -Not -Contain 'zombie'
        $run.Stdout[-1] | Should -Be 'done'
        $run.Container.ExitCode | Should -Be 0
    }

    It 'has its own hostname: the short id by default, or -Hostname' {
        # The fixture image has busybox but no hostname link to it.
        $default = Invoke-InContainer $Root @('busybox', 'hostname')
        $default.Stdout | Should -Be $default.Container.ShortId
        (Invoke-InContainer $Root @('busybox', 'hostname') @{ Hostname = 'web-1' }).Stdout | Should -Be 'web-1'
    }

    It 'has its own mounts: an overlay root and the kernel file systems, none of the host''s' {
        $run = Invoke-InContainer $Root @('cat', '/proc/self/mountinfo')
        $points = $run.Stdout | ForEach-Object { ($_ -split ' ')[4] }
        $root = $run.Stdout | Where-Object { ($_ -split ' ')[4] -eq '/' }
        ($root -split ' - ')[1] | Should -BeLike 'overlay *'
        foreach ($expected in '/proc', '/dev', '/dev/pts', '/dev/shm', '/sys') { $points | Should -Contain $expected }
        $hostOnly = Get-Content /proc/self/mountinfo | ForEach-Object { ($_ -split ' ')[4] } | Where-Object { $_ -like '/work*' -or $_ -like '/run/*' -or $_ -like '/tmp*' }
        foreach ($point in $hostOnly) { $points | Should -Not -Contain $point }
    }

    It 'has only the loopback interface with -Network None, and the host''s with -Network Host' {
        (Invoke-InContainer $Root @('ls', '/sys/class/net') @{ Network = 'None' }).Stdout | Should -Be 'lo'
        # /proc/net/dev, not /sys/class/net: the tests run in a network namespace of their own, and the host's sysfs
        # shows the interfaces of the namespace that mounted it.
        $hostInterfaces = Get-Content /proc/net/dev | Select-Object -Skip 2 | ForEach-Object { ($_ -split ':')[0].Trim() } | Sort-Object
        $shared = Invoke-InContainer $Root @('cat', '/proc/net/dev') @{ Network = 'Host' }
        $seen = $shared.Stdout | Select-Object -Skip 2 | ForEach-Object { ($_ -split ':')[0].Trim() } | Sort-Object
        $seen | Should -Be $hostInterfaces
    }

    It 'holds only fds 0, 1 and 2 at exec' {
        # ls, a child of the shell that is PID 1, lists the shell's descriptors (its own directory fd is not among them).
        $run = Invoke-InContainer $Root @('sh', '-c', 'ls /proc/1/fd; true')
        $run.Stdout | Should -Be @('0', '1', '2')
    }

    It 'has an empty inheritable capability set, no_new_privs, and docker''s default bounding set' {
        $status = (Invoke-InContainer $Root @('cat', '/proc/self/status')).Stdout
        ($status | Where-Object { $_ -like 'CapInh:*' }) -replace '\s+', ' ' | Should -Be 'CapInh: 0000000000000000'
        ($status | Where-Object { $_ -like 'CapAmb:*' }) -replace '\s+', ' ' | Should -Be 'CapAmb: 0000000000000000'
        ($status | Where-Object { $_ -like 'NoNewPrivs:*' }) -replace '\s+', ' ' | Should -Be 'NoNewPrivs: 1'
        # CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP
        ($status | Where-Object { $_ -like 'CapBnd:*' }) -replace '\s+', ' ' | Should -Be 'CapBnd: 00000000a80425fb'
    }

    It 'masks /proc/kcore (when the kernel has one), /proc/keys and /proc/timer_list, and makes /proc/sys read-only' {
        $script = 'for f in /proc/kcore /proc/keys /proc/timer_list; do if [ -e $f ]; then wc -c < $f; else echo absent; fi; done; ' +
            'echo x > /proc/sys/kernel/domainname && echo writable'
        $run = Invoke-InContainer $Root @('sh', '-c', $script)
        $expected = foreach ($file in '/proc/kcore', '/proc/keys', '/proc/timer_list') { if (Test-Path $file) { '0' } else { 'absent' } }
        @($run.Stdout | ForEach-Object Trim) | Should -Be @($expected)
        (Get-Content /proc/keys | Measure-Object).Count | Should -BeGreaterThan 0 -Because 'the host''s /proc/keys is not empty, so an empty one is masked'
    }

    It 'refuses to drop privileges into a user the image does not have' {
        New-Container -Image $Image -Root $Root -User 'ghost' -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'UserNotFound,*'
        New-Container -Image $Image -Root $Root -User '4294967296:0' -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidUser,*'
        Get-Container -Root $Root | Should -BeNullOrEmpty
    }
}

Describe 'Process settings: environment, working directory, user, volumes' {
    BeforeAll { $script:Root = New-StoreWithImage }
    AfterAll { Remove-TestContainers $Root }

    It 'applies -Environment over the image''s environment, -WorkingDirectory (created when missing) and -User by name' {
        $run = Invoke-InContainer $Root @('sh', '-c', 'echo $GREETING; echo $PATH; pwd; id -u; id -g; echo $HOME') @{
            Environment = @{ GREETING = 'hello there' }; WorkingDirectory = '/srv/app'; User = 'app'
        }
        $run.Stdout[0] | Should -Be 'hello there'
        $run.Stdout[1] | Should -BeLike '*/bin*'
        $run.Stdout[2..5] | Should -Be @('/srv/app', '1000', '1000', '/home/app')
    }

    It 'reads variables from -EnvironmentFile, with -Environment winning' {
        $file = Join-Path $TestDrive 'vars.env'
        Set-Content -LiteralPath $file -Value "# comment", 'A=from-file', 'B=from-file'
        $run = Invoke-InContainer $Root @('sh', '-c', 'echo $A $B') @{ EnvironmentFile = $file; Environment = @{ B = 'from-table' } }
        $run.Stdout | Should -Be 'from-file from-table'
    }

    It 'takes -User <User> as uid <Uid> and gid <Gid>' -ForEach @(
        @{ User = '1000'; Uid = '1000'; Gid = '1000' }
        @{ User = '1234:99'; Uid = '1234'; Gid = '99' }
        @{ User = 'nobody'; Uid = '65534'; Gid = '65534' }
    ) {
        (Invoke-InContainer $Root @('sh', '-c', 'id -u; id -g') @{ User = $User }).Stdout | Should -Be @($Uid, $Gid)
    }

    It 'mounts a read-only volume that the container cannot write, and a read-write one it can' {
        $readOnly = Join-Path $TestDrive 'ro'
        $readWrite = Join-Path $TestDrive 'rw'
        $null = New-Item -ItemType Directory $readOnly, $readWrite
        Set-Content -LiteralPath (Join-Path $readOnly 'seed.txt') -Value 'seed'
        # echo, not ':': a failed redirection of a special builtin would end the shell.
        $run = Invoke-InContainer $Root @('sh', '-c', 'cat /ro/seed.txt; echo x > /ro/new && echo wrote-ro; echo x > /rw/new && echo wrote-rw') @{
            Volume = "$($readOnly):/ro:ro", "$($readWrite):/rw"
        }
        $run.Stdout | Should -Be @('seed', 'wrote-rw')
        Join-Path $readOnly 'new' | Should -Not -Exist
        Join-Path $readWrite 'new' | Should -Exist
    }

    It 'refuses a volume whose host path does not exist' {
        New-Container -Image $Image -Root $Root -Volume '/no/such/dir:/data' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'VolumeSourceNotFound,*'
    }

    It 'keeps the root file system read-only with -ReadOnly, with a writable -Tmpfs' {
        $run = Invoke-InContainer $Root @('sh', '-c', 'echo x > /file && echo wrote-root; echo x > /scratch/file && echo wrote-tmpfs') @{ ReadOnly = $true; Tmpfs = '/scratch' }
        $run.Stdout | Should -Be 'wrote-tmpfs'
    }
}

Describe 'Resource limits' {
    BeforeAll { $script:Root = New-StoreWithImage }
    AfterAll { Remove-TestContainers $Root }

    It 'kills a process that allocates 100 MB under -Memory 20MB: exit 137 and OOMKilled' {
        # busybox dd allocates (and fills) a buffer of the block size.
        $run = Invoke-InContainer $Root @('busybox', 'dd', 'if=/dev/zero', 'of=/dev/null', 'bs=100M', 'count=1') @{ Memory = 20MB }
        $run.Container.ExitCode | Should -Be 137
        $run.Container.OOMKilled | Should -BeTrue
        $global:LASTEXITCODE | Should -Be 137
        $run.Errors | Should -BeNullOrEmpty -Because 'a non-zero exit is an error only with $PSNativeCommandUseErrorActionPreference'
        $PSNativeCommandUseErrorActionPreference = $true
        $strict = Invoke-InContainer $Root @('busybox', 'dd', 'if=/dev/zero', 'of=/dev/null', 'bs=100M', 'count=1') @{ Memory = 20MB }
        $strict.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerExitedWithError,*'
        $strict.Errors[0].Exception.ExitCode | Should -Be 137
        $strict.Errors[0].Exception.OOMKilled | Should -BeTrue
    }

    It 'lets the same allocation finish under a large limit (control run)' {
        $run = Invoke-InContainer $Root @('busybox', 'dd', 'if=/dev/zero', 'of=/dev/null', 'bs=100M', 'count=1') @{ Memory = 512MB }
        $run.Container.ExitCode | Should -Be 0
        $run.Container.OOMKilled | Should -BeFalse
    }

    It 'contains a fork bomb with -PidsLimit while the host can still fork' {
        $name = New-ContainerName
        # PID 1 forks once, for the bomb's subshell, then execs sleep, which needs no fork: only the bomb hits the limit.
        $null = Start-Container -Image $Image -Root $Root -Name $name -PidsLimit 20 -Command sh, -c, '(f() { f | f & }; f) & exec sleep 1000' -ErrorAction Stop
        try {
            # The bomb's processes come and go; the shell's own complaint shows that it hit the limit.
            $null = Wait-Until { Get-ContainerLog $name -Root $Root -Stream Stderr | Where-Object Message -Like "*can't fork*" }
            $stats = Get-ContainerStats $name -Root $Root -ErrorAction Stop
            $stats.PidsCurrent | Should -BeGreaterThan 1
            $stats.PidsCurrent | Should -BeLessOrEqual 20
            $stats.PidsLimit | Should -Be 20
            & /bin/sh -c 'exit 0'
            $LASTEXITCODE | Should -Be 0
            (Get-Container $name -Root $Root).Status | Should -Be 'Running'
        }
        finally {
            Remove-Container $name -Root $Root -Force
        }
    }

    It 'holds a busy loop near half a core with -Cpus 0.5, as Get-ContainerStats reports' {
        $name = New-ContainerName
        # -Network None: no interface but loopback, so nothing can arrive and NetRx is exactly 0.
        $null = Start-Container -Image $Image -Root $Root -Name $name -Network None -Cpus 0.5 -Command sh, -c, 'while :; do :; done' -ErrorAction Stop
        try {
            $stats = Get-ContainerStats $name -Root $Root -SampleInterval 2 -ErrorAction Stop
            $stats.PSTypeNames | Should -Contain 'ContainerPS.ContainerStats'
            $stats.CpuPercent | Should -BeGreaterThan 25
            $stats.CpuPercent | Should -BeLessThan 75
            $stats.CpuTime | Should -BeGreaterThan ([timespan]::Zero)
            $stats.MemoryUsage | Should -BeGreaterThan 0
            $stats.NetRx | Should -Be 0
        }
        finally {
            Remove-Container $name -Root $Root -Force
        }
    }

    It 'reports the limits on the container object' {
        $container = New-Container -Image $Image -Root $Root -Memory 64MB -Cpus 1.5 -PidsLimit 50 -CpuShares 512 -ErrorAction Stop
        $container.Limits.Memory | Should -Be 64MB
        $container.Limits.Cpus | Should -Be 1.5
        $container.Limits.PidsLimit | Should -Be 50
        $container.Limits.CpuShares | Should -Be 512
        Remove-Container -Id $container.Id -Root $Root
    }
}

Describe 'Lifecycle' {
    BeforeAll { $script:Root = New-StoreWithImage }
    AfterAll { Remove-TestContainers $Root }

    It 'creates a container without starting it, starts it, and reports it running with a pid' {
        $name = New-ContainerName
        $created = New-Container -Image $Image -Root $Root -Name $name -Command sleep, 1000 -Label @{ tier = 'web' } -ErrorAction Stop
        $created.PSTypeNames | Should -Contain 'ContainerPS.Container'
        $created.Status | Should -Be 'Created'
        $created.Id | Should -Match '^[0-9a-f]{64}$'
        $created.Command | Should -Be @('/bin/sleep', '1000')
        $started = Start-Container $name -Root $Root -PassThru -ErrorAction Stop
        $started.Status | Should -Be 'Running'
        $started.Pid | Should -BeGreaterThan 0
        (Get-Container -Root $Root -Status Running -Label 'tier=web').Name | Should -Be $name
        Get-Container -Root $Root -Status Exited -Label 'tier=web' | Should -BeNullOrEmpty
        Remove-Container $name -Root $Root -Force
    }

    It 'escalates Stop-Container to SIGKILL after -Timeout when the container ignores SIGTERM' {
        $name = New-ContainerName
        $null = Start-Container -Image $Image -Root $Root -Name $name -Command sh, -c, "trap '' TERM; sleep 1000" -ErrorAction Stop
        $stopped = Stop-Container $name -Root $Root -Timeout 1 -PassThru -ErrorAction Stop
        $stopped.Status | Should -Be 'Exited'
        $stopped.ExitCode | Should -Be 137
        Remove-Container $name -Root $Root
    }

    It 'stops a container that handles SIGTERM with its own exit code' {
        $name = New-ContainerName
        $null = Start-Container -Image $Image -Root $Root -Name $name -Command sh, -c, 'trap "exit 42" TERM; while :; do sleep 1; done' -ErrorAction Stop
        (Stop-Container $name -Root $Root -Timeout 30 -PassThru -ErrorAction Stop).ExitCode | Should -Be 42
        Remove-Container $name -Root $Root
    }

    It 'waits for a container with Wait-Container and reports its exit code' {
        $name = New-ContainerName
        $null = Start-Container -Image $Image -Root $Root -Name $name -Command sh, -c, 'sleep 1; exit 7' -ErrorAction Stop
        $exited = Wait-Container $name -Root $Root -ErrorAction Stop
        $exited.Status | Should -Be 'Exited'
        $exited.ExitCode | Should -Be 7
        $exited.FinishedAt | Should -BeOfType [datetime]
        Remove-Container $name -Root $Root
    }

    It 'writes ContainerWaitTimeout when the container outlives -Timeout' {
        $name = New-ContainerName
        $null = Start-Container -Image $Image -Root $Root -Name $name -Command sleep, 1000 -ErrorAction Stop
        Wait-Container $name -Root $Root -Timeout 1 -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerWaitTimeout,*'
        Remove-Container $name -Root $Root -Force
    }

    It 'restarts a container, which runs again' {
        $name = New-ContainerName
        $first = Start-Container -Image $Image -Root $Root -Name $name -Command sleep, 1000 -ErrorAction Stop
        $restarted = Restart-Container $name -Root $Root -Timeout 1 -PassThru -ErrorAction Stop
        $restarted.Status | Should -Be 'Running'
        $restarted.Pid | Should -Not -Be $first.Pid
        Remove-Container $name -Root $Root -Force
    }

    It 'refuses to remove a running container without -Force, and kills and removes it with -Force' {
        $name = New-ContainerName
        $running = Start-Container -Image $Image -Root $Root -Name $name -Command sleep, 1000 -ErrorAction Stop
        Remove-Container $name -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerRunning,*'
        (Get-Container $name -Root $Root).Status | Should -Be 'Running'
        Get-Container $name -Root $Root | Remove-Container -Root $Root -Force -ErrorAction Stop
        Get-Container -Root $Root -Id $running.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Test-Path "/proc/$($running.Pid)/cmdline" | Should -BeFalse
    }

    It 'renames a container; the old name is gone and a taken name is refused' {
        $first = New-Container -Image $Image -Root $Root -Name (New-ContainerName) -ErrorAction Stop
        $second = New-Container -Image $Image -Root $Root -Name (New-ContainerName) -ErrorAction Stop
        $newName = New-ContainerName
        (Rename-Container $first.Name $newName -Root $Root -PassThru -ErrorAction Stop).Id | Should -Be $first.Id
        (Get-Container $newName -Root $Root).Id | Should -Be $first.Id
        Get-Container $first.Name -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        Rename-Container $second.Name $newName -Root $Root -ErrorVariable taken -ErrorAction SilentlyContinue
        $taken[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNameInUse,*'
        Get-Container -Root $Root -Id $first.Id, $second.Id | Remove-Container -Root $Root
    }

    It 'refuses a second container of the same name, and replaces it with -Replace' {
        $name = New-ContainerName
        $old = New-Container -Image $Image -Root $Root -Name $name -ErrorAction Stop
        New-Container -Image $Image -Root $Root -Name $name -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNameInUse,*'
        $new = New-Container -Image $Image -Root $Root -Name $name -Replace -ErrorAction Stop
        $new.Id | Should -Not -Be $old.Id
        @(Get-Container $name -Root $Root).Id | Should -Be $new.Id
        Remove-Container $name -Root $Root
    }

    It 'leaves no supervisor behind when a run fails before its container exists (its name is taken)' {
        # Start-Container -Image starts the supervisor while it writes the bundle; a create that fails must end it.
        $name = New-ContainerName
        $null = New-Container -Image $Image -Root $Root -Name $name -ErrorAction Stop
        Start-Container -Image $Image -Root $Root -Name $name -Command true -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNameInUse,*'
        # Only this store's: other test files run in parallel, and their supervisors wait for bundles too.
        $waiting = Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$' | Where-Object {
            $cmdline = "$(Get-Content -Raw -ErrorAction SilentlyContinue "$($_.FullName)/cmdline")"
            $cmdline.Contains("`0--wait-for-bundle`0") -and $cmdline.Contains("`0$Root/")
        }
        $waiting | Should -BeNullOrEmpty
        Remove-Container $name -Root $Root
    }

    It 'keeps a container running after the pwsh session that started it is killed; this session sees it and stops it' {
        $name = New-ContainerName
        $marker = Join-Path $TestDrive "$name.started"
        $script = "Import-Module '$ModulePath'; `$env:CONTAINERPS_SHIM = '$Shim'; " +
            "Start-Container -Image '$Image' -Root '$Root' -Name $name -Command sleep, 1000 -ErrorAction Stop | Out-Null; " +
            "Set-Content '$marker' started; Start-Sleep 1000"
        # The same pwsh as this one; run as a dotnet tool, the host is dotnet and pwsh.dll is the first argument.
        $executable = [Environment]::ProcessPath
        $arguments = [Collections.Generic.List[string]]::new()
        if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { $arguments.Add([Environment]::GetCommandLineArgs()[0]) }
        $arguments.AddRange([string[]]@('-NoProfile', '-NonInteractive', '-Command', $script))
        $child = [Diagnostics.Process]::Start($executable, $arguments)
        try {
            $null = Wait-Until { Test-Path $marker } -Tries 1200
        }
        finally {
            $child.Kill($true)
            $child.WaitForExit()
        }

        (Get-Container $name -Root $Root -ErrorAction Stop).Status | Should -Be 'Running'
        $stopped = Stop-Container $name -Root $Root -Timeout 1 -PassThru -ErrorAction Stop
        $stopped.Status | Should -Be 'Exited'
        $stopped.ExitCode | Should -Be 137
        Remove-Container $name -Root $Root
    }
}

Describe 'Remove-Image and the containers made from an image' {
    It 'refuses to remove an image a container uses (ImageInUse); -Force removes it and the container keeps its layers until it goes' {
        $root = New-StoreWithImage
        $name = New-ContainerName
        $null = New-Container -Image $Image -Root $root -Name $name -Command ls, /bin/busybox -ErrorAction Stop
        Remove-Image $Image -Root $root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageInUse,*'
        @(Get-Image -Root $root).Count | Should -Be 1

        Remove-Image $Image -Root $root -Force -ErrorAction Stop
        @(Get-Image -Root $root).Count | Should -Be 0
        @(Start-Container $name -Root $root -Wait -ErrorAction Stop) | Should -Be '/bin/busybox'
        $snapshots = { @(Get-ChildItem -LiteralPath (Join-Path $root 'snapshots') -Directory | Where-Object Name -NotLike '.*') }
        (& $snapshots).Count | Should -BeGreaterThan 0
        Remove-Container $name -Root $root
        (& $snapshots).Count | Should -Be 0
    }

    It 'does not remove the image of a running container, even with -Force; -Dangling skips images in use without an error' {
        $root = New-StoreWithImage
        $name = New-ContainerName
        $null = Start-Container -Image $Image -Root $root -Name $name -Command sleep, 600 -ErrorAction Stop
        Remove-Image $Image -Root $root -Force -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageInUse,*'
        $errors[0].Exception.Message | Should -BeLike '*running container*'
        Get-Image -Root $root | ForEach-Object { Remove-ImageTag $_.Names -Root $root }
        Remove-Image -Dangling -Root $root -Confirm:$false -ErrorVariable pruneErrors -ErrorAction SilentlyContinue
        $pruneErrors | Should -BeNullOrEmpty
        @(Get-Image -Root $root).Count | Should -Be 1
        Remove-Container $name -Root $root -Force
    }
}

Describe 'Start-Container -Wait and Get-ContainerLog' {
    BeforeAll { $script:Root = New-StoreWithImage }
    AfterAll { Remove-TestContainers $Root }

    It 'streams stdout to the success stream and stderr to the error stream, and reports a non-zero exit in $LASTEXITCODE' {
        $run = Invoke-InContainer $Root @('sh', '-c', 'echo out1; echo err1 >&2; echo out2; exit 3')
        $run.Stdout | Should -Be @('out1', 'out2')
        $run.Stderr | Should -Be 'err1'
        $run.Errors | Should -BeNullOrEmpty
        $global:LASTEXITCODE | Should -Be 3
        $run.Container.ExitCode | Should -Be 3
    }

    It 'removes the container after it exits with -AutoRemove' {
        $run = Invoke-InContainer $Root @('true')
        Get-Container -Root $Root -Id $run.Container.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'mounts the upper layer volatile only with -AutoRemove (no sync of a layer that is thrown away)' {
        $rootOptions = {
            param($Lines)
            $root = $Lines | Where-Object { ($_ -split ' ')[4] -eq '/' }
            # Linux 6.x shows the option as fsync=volatile, 5.10 to 5.x as volatile.
            (($root -split ' - ')[1] -split ' ')[2] -split ',' | Where-Object { $_ -in 'volatile', 'fsync=volatile' }
        }
        $autoRemoved = Invoke-InContainer $Root @('cat', '/proc/self/mountinfo')
        $name = New-ContainerName
        $kept = @(Start-Container -Image $Image -Root $Root -Name $name -Command cat, /proc/self/mountinfo -Wait -ErrorAction Stop)
        Remove-Container $name -Root $Root
        & $rootOptions $kept | Should -BeNullOrEmpty
        if ([version]((Get-Content /proc/sys/kernel/osrelease) -replace '^(\d+\.\d+).*', '$1') -ge [version]'5.10') {
            & $rootOptions $autoRemoved.Stdout | Should -Not -BeNullOrEmpty
        }
    }

    It 'starts an exited -AutoRemove container again before anything removed it (the volatile layer''s marker goes)' {
        $name = New-ContainerName
        $null = New-Container -Image $Image -Root $Root -Name $name -AutoRemove -Command sh, -c, 'echo run >> /runs; cat /runs'
        Start-Container $name -Root $Root -ErrorAction Stop
        (Wait-Container $name -Root $Root).ExitCode | Should -Be 0
        $second = @(Start-Container $name -Root $Root -Wait -ErrorAction Stop)
        $second | Should -Be @('run', 'run')
        Get-Container -Root $Root -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'gets the last lines of one stream with -Tail and -Stream' {
        $name = New-ContainerName
        $null = Start-Container -Image $Image -Root $Root -Name $name -Wait -ErrorAction SilentlyContinue `
            -Command sh, -c, 'for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done'
        $stdout = Get-ContainerLog $name -Root $Root -Stream Stdout -Tail 2 -ErrorAction Stop
        $stdout.Message | Should -Be @('out4', 'out5')
        $stdout[0].PSTypeNames | Should -Contain 'ContainerPS.ContainerLogRecord'
        $stdout.Stream | Should -Be @('Stdout', 'Stdout')
        $stdout[0].ContainerId | Should -Be (Get-Container $name -Root $Root).Id
        (Get-ContainerLog $name -Root $Root -Stream Stderr).Message | Should -Be @('err1', 'err2', 'err3', 'err4', 'err5')
        @(Get-ContainerLog $name -Root $Root).Count | Should -Be 10
        Get-ContainerLog $name -Root $Root -Since (Get-Date).AddDays(1) | Should -BeNullOrEmpty
        Remove-Container $name -Root $Root
    }

    It 'follows the log with -Wait until the container exits' {
        $name = New-ContainerName
        $null = Start-Container -Image $Image -Root $Root -Name $name -Command sh, -c, 'for i in 1 2 3; do echo line$i; sleep 0.2; done' -ErrorAction Stop
        (Get-ContainerLog $name -Root $Root -Wait -ErrorAction Stop).Message | Should -Be @('line1', 'line2', 'line3')
        Remove-Container $name -Root $Root
    }

    It 'pulls a missing image with -PullPolicy Missing and refuses with -PullPolicy Never' {
        $fresh = New-ThrowawayRoot
        New-Container -Image $Image -Root $fresh -PullPolicy Never -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        $run = Invoke-InContainer $fresh @('echo', 'pulled')
        $run.Stdout | Should -Be 'pulled'
    }
}

Describe 'Cleanup' {
    It 'leaves no directories, state, cgroups, mounts or processes after 200 run-and-remove cycles' {
        $root = New-StoreWithImage
        $ids = [Collections.Generic.List[string]]::new()
        for ($i = 0; $i -lt 200; $i++) {
            $container = Start-Container -Image $Image -Root $root -Command true -Wait -AutoRemove -PassThru -ErrorAction Stop
            $ids.Add($container.Id)
            $container.ExitCode | Should -Be 0
        }

        Get-Container -Root $root | Should -BeNullOrEmpty
        Get-ContainerLeftovers -Root $root -Ids $ids | Should -BeNullOrEmpty
        # The store's state root under /run goes with its last container.
        [ContainerPS.Engine.Runtime.ContainerService]::new($root).StateRoot | Should -Not -Exist
    }
}
