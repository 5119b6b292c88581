# Suspend-Container, Resume-Container (docker pause / unpause) and Set-Container (docker update) end to end, as root,
# with the real supervisor, the kernel's freezer and memory controllers, and the fixture image test/busybox:latest
# from the loopback registry that build.ps1 Test starts. cgroup v1 here; the shim's v2 writers and freezer are
# checked in the v2 VM (tests/cgroup2/run-shim-v2.sh). No test asserts a duration; waits are bounded loops.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-ContainerName { 'pu' + [guid]::NewGuid().ToString('n').Substring(0, 10) }

    function Start-TestContainer([string[]] $Command = @('sleep', '600'), [hashtable] $Limits = @{}) {
        Start-Container -Image $Image -Root $Root -Name (New-ContainerName) -Network None -Command $Command -PassThru -ErrorAction Stop @Limits
    }

    # A file of the cgroup the container's init is in, as the host sees it (v1: the controller's hierarchy; v2: the one tree).
    function Get-CgroupFile([int] $ProcessId, [string] $Controller, [string] $File) {
        $lines = Get-Content "/proc/$ProcessId/cgroup"
        $v1 = $lines | Where-Object { ($_ -split ':')[1] -split ',' -contains $Controller } | Select-Object -First 1
        if ($v1) { return "/sys/fs/cgroup/$Controller$(($v1 -split ':', 3)[2])/$File" }
        "/sys/fs/cgroup$((($lines | Where-Object { $_ -like '0::*' }) -split ':', 3)[2])/$File"
    }

    # The shell's own memory for a string of $Bytes: it reads the command substitution into one buffer.
    $script:Allocate = { param($Bytes) @('sh', '-c', "x=`$(head -c $Bytes /dev/zero | tr '\0' a); echo kept `${#x}") }
}

AfterAll {
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Suspend-Container and Resume-Container' {
    AfterAll { Remove-TestContainers $Root } # per Describe: see ContainerTestSetup.psm1

    BeforeAll {
        # Counts, one line a tick: while it is frozen its log cannot grow.
        $script:Ticker = Start-TestContainer -Command sh, -c, 'i=0; while :; do i=$((i+1)); echo $i; sleep 0.05; done'
        $null = Wait-Until { @(Get-ContainerLog $Ticker.Name -Root $Root).Count -ge 3 }
        Suspend-Container $Ticker.Name -Root $Root -ErrorAction Stop
        $script:Frozen = Get-Container $Ticker.Name -Root $Root
    }

    It 'shows the container as Paused, with its pid, and counts it in Get-ContainerHost' {
        $Frozen.Status | Should -Be 'Paused'
        $Frozen.Pid | Should -Be $Ticker.Pid
        (Get-ContainerHost -Root $Root).ContainersPaused | Should -Be 1
        (Get-Container -Root $Root -Status Paused).Name | Should -Be $Ticker.Name
        ($Frozen | Format-Table | Out-String) | Should -Match 'Up .*\(Paused\)'
    }

    It 'freezes every process in the kernel: the freezer says FROZEN and nothing more is written' {
        $freezer = Get-CgroupFile $Ticker.Pid 'freezer' 'freezer.state'
        if (Test-Path $freezer) { Get-Content $freezer | Should -Be 'FROZEN' }
        else { Get-Content (Get-CgroupFile $Ticker.Pid '' 'cgroup.freeze') | Should -Be '1' }
        Start-Sleep -Milliseconds 300 # lines already in the pipe reach the log
        $before = @(Get-ContainerLog $Ticker.Name -Root $Root).Count
        Start-Sleep -Milliseconds 500 # ten ticks, had it been running
        @(Get-ContainerLog $Ticker.Name -Root $Root).Count | Should -Be $before
        @(Get-ContainerProcess $Ticker.Name -Root $Root).Count | Should -BeGreaterOrEqual 1
    }

    It 'refuses exec, start and a second pause of a paused container, and resume of a running one' {
        Get-ErrorId { Invoke-ContainerCommand $Ticker.Name -Root $Root -Command true } | Should -Be 'ContainerPaused'
        Get-ErrorId { Start-Container $Ticker.Name -Root $Root } | Should -Be 'ContainerPaused'
        Get-ErrorId { Suspend-Container $Ticker.Name -Root $Root } | Should -Be 'ContainerPaused'
        Get-ErrorId { Remove-Container $Ticker.Name -Root $Root } | Should -Be 'ContainerRunning'
        $other = Start-TestContainer
        Get-ErrorId { Resume-Container $other.Name -Root $Root } | Should -Be 'ContainerNotPaused'
        Stop-Container $other.Name -Root $Root -Force
        Get-ErrorId { Suspend-Container $other.Name -Root $Root } | Should -Be 'ContainerNotRunning'
    }

    It 'changes nothing with -WhatIf' {
        Resume-Container $Ticker.Name -Root $Root -WhatIf
        (Get-Container $Ticker.Name -Root $Root).Status | Should -Be 'Paused'
    }

    It 'resumes: the status is Running and the container runs on from where it was' {
        $before = @(Get-ContainerLog $Ticker.Name -Root $Root).Count
        $resumed = Resume-Container $Ticker.Name -Root $Root -PassThru
        $resumed.Status | Should -Be 'Running'
        $null = Wait-Until { @(Get-ContainerLog $Ticker.Name -Root $Root).Count -gt $before + 2 }
        $lines = @(Get-ContainerLog $Ticker.Name -Root $Root).Message
        # One count, no gap: the shell was stopped, not restarted.
        $lines[-1] | Should -Be ([string]$lines.Count)
    }

    It 'takes containers from the pipeline by value' {
        $a = Start-TestContainer; $b = Start-TestContainer
        $a, $b | Suspend-Container -Root $Root
        @(Get-Container $a.Name, $b.Name -Root $Root).Status | Should -Be @('Paused', 'Paused')
        Get-Container $a.Name, $b.Name -Root $Root | Resume-Container -Root $Root
        @(Get-Container $a.Name, $b.Name -Root $Root).Status | Should -Be @('Running', 'Running')
    }

    It 'stops a paused container: the stop signal is acted on once it is resumed' {
        $trapper = Start-TestContainer -Command sh, -c, 'trap "exit 3" TERM; while :; do sleep 0.05; done'
        Suspend-Container $trapper.Name -Root $Root
        $stopped = Stop-Container $trapper.Name -Root $Root -Timeout 20 -PassThru
        $stopped.Status | Should -Be 'Exited'
        $stopped.ExitCode | Should -Be 3
    }

    It 'removes a paused container with -Force' {
        $victim = Start-TestContainer
        Suspend-Container $victim.Name -Root $Root
        $freezer = Get-CgroupFile $victim.Pid 'freezer' ''
        Remove-Container $victim.Name -Root $Root -Force
        Get-Container -Root $Root | Where-Object Id -EQ $victim.Id | Should -BeNullOrEmpty
        Test-Path "/proc/$($victim.Pid)" | Should -BeFalse
        Test-Path $freezer | Should -BeFalse
    }
}

Describe 'Set-Container' {
    AfterAll { Remove-TestContainers $Root } # per Describe: see ContainerTestSetup.psm1

    It 'lowers the memory limit of a running container: an allocation that fit no longer does' {
        $container = Start-TestContainer -Limits @{ Memory = 256MB }
        $limit = Get-CgroupFile $container.Pid 'memory' 'memory.limit_in_bytes'
        if (-not (Test-Path $limit)) { $limit = Get-CgroupFile $container.Pid '' 'memory.max' }
        Get-Content $limit | Should -Be (256MB).ToString()
        $fits = Invoke-ContainerCommand $container.Name -Root $Root -Command (& $Allocate 30000000)
        $fits | Should -Be 'kept 30000000'

        $updated = Set-Container $container.Name -Root $Root -Memory 24MB -MemorySwap 24MB -PassThru
        Get-Content $limit | Should -Be (24MB).ToString()
        $updated.Limits.Memory | Should -Be 24MB
        $updated.Status | Should -Be 'Running'
        $failure = $null
        $null = Invoke-ContainerCommand $container.Name -Root $Root -Command (& $Allocate 30000000) -ErrorVariable failure -ErrorAction SilentlyContinue
        $LASTEXITCODE | Should -Be 137 -Because 'the kernel kills the allocating process at the new limit'
        (Get-Container $container.Name -Root $Root).Status | Should -Be 'Running'
    }

    It 'sets CPU and process limits live, keeps the ones it does not name, and keeps all for the next start' {
        $container = Start-TestContainer -Limits @{ Memory = 64MB }
        Set-Container $container.Name -Root $Root -Cpus 0.5 -PidsLimit 20
        Get-Content (Get-CgroupFile $container.Pid 'cpu' 'cpu.cfs_quota_us') | Should -Be '50000'
        Get-Content (Get-CgroupFile $container.Pid 'pids' 'pids.max') | Should -Be '20'
        Get-Content (Get-CgroupFile $container.Pid 'memory' 'memory.limit_in_bytes') | Should -Be (64MB).ToString()

        $restarted = Restart-Container $container.Name -Root $Root -Timeout 0 -PassThru
        Get-Content (Get-CgroupFile $restarted.Pid 'pids' 'pids.max') | Should -Be '20'
        Get-Content (Get-CgroupFile $restarted.Pid 'cpu' 'cpu.cfs_quota_us') | Should -Be '50000'
        $limits = (Get-Container $container.Name -Root $Root).Limits
        $limits.Memory, $limits.Cpus, $limits.PidsLimit | Should -Be @(64MB, 0.5, 20)
    }

    It 'changes a stopped container for its next start' {
        $container = New-Container -Image $Image -Root $Root -Name (New-ContainerName) -Network None -Command sleep, 600
        Set-Container $container.Name -Root $Root -PidsLimit 33
        $started = Start-Container $container.Name -Root $Root -PassThru
        Get-Content (Get-CgroupFile $started.Pid 'pids' 'pids.max') | Should -Be '33'
    }

    It 'refuses a call without a limit and a limit docker refuses, and changes nothing' {
        $container = Start-TestContainer -Limits @{ PidsLimit = 40 }
        Get-ErrorId { Set-Container $container.Name -Root $Root } | Should -Be 'NoContainerSettingGiven'
        Get-ErrorId { Set-Container $container.Name -Root $Root -Memory 1MB } | Should -Be 'MemoryLimitTooLow'
        Get-ErrorId { Set-Container $container.Name -Root $Root -Memory 64MB -MemorySwap 32MB } | Should -Be 'MemoryLimitTooLow'
        (Get-Container $container.Name -Root $Root).Limits.Memory | Should -BeNullOrEmpty
        Get-Content (Get-CgroupFile $container.Pid 'pids' 'pids.max') | Should -Be '40'
        Set-Container $container.Name -Root $Root -PidsLimit 10 -WhatIf
        Get-Content (Get-CgroupFile $container.Pid 'pids' 'pids.max') | Should -Be '40'
    }
}

Describe 'Wait-Container -Condition Running' {
    AfterAll { Remove-TestContainers $Root } # per Describe: see ContainerTestSetup.psm1

    It 'returns at once for a running container and waits for a created one to start' {
        $running = Start-TestContainer
        (Wait-Container $running.Name -Root $Root -Condition Running -Timeout 5).Status | Should -Be 'Running'
        $created = New-Container -Image $Image -Root $Root -Name (New-ContainerName) -Network None -Command sleep, 600
        Get-ErrorId { Wait-Container $created.Name -Root $Root -Condition Running -Timeout 0 } | Should -Be 'ContainerWaitTimeout'
        $module = (Get-Module ContainerPS).Path; $name = $created.Name
        $waiter = Start-ThreadJob {
            Import-Module $using:module
            Wait-Container $using:name -Root $using:Root -Condition Running -Timeout 60
        }
        $null = Wait-Until { $waiter.State -eq 'Running' }
        Start-Sleep -Milliseconds 200 # let it see the container not running yet
        Start-Container $created.Name -Root $Root
        $result = $waiter | Wait-Job -Timeout 60 | Receive-Job
        $waiter | Remove-Job -Force
        $result.Name | Should -Be $created.Name
        $result.Status | Should -Be 'Running'
    }
}
