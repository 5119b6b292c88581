# What a container last was survives a reboot (docs/runtime-contract.md, "State that survives"), end to end as root
# with the real supervisor. A reboot is simulated as it looks afterwards: every supervisor and container process
# killed, the container cgroups removed, and the store's state directory under /run gone; the store is untouched.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-TestContainer([string[]] $Command, [switch] $Start, [switch] $AutoRemove) {
        $name = 'rb' + [guid]::NewGuid().ToString('n').Substring(0, 10)
        if ($Start) { Start-Container -Image $Image -Root $Root -Name $name -Network None -Command $Command -AutoRemove:$AutoRemove -PassThru -ErrorAction Stop }
        else { New-Container -Image $Image -Root $Root -Name $name -Network None -Command $Command -ErrorAction Stop }
    }

    # Every cgroup directory of $Path: one per v1 hierarchy, or the one in the v2 tree.
    function Get-CgroupDirectory([string] $Path) {
        @(Get-ChildItem /sys/fs/cgroup -Directory | ForEach-Object { Join-Path $_.FullName $Path }) + "/sys/fs/cgroup$Path" |
            Where-Object { Test-Path -LiteralPath $_ -PathType Container } | Sort-Object -Unique
    }

    # After this, the host looks as after a reboot: nothing of the containers runs and /run/containerps/<store> is gone.
    function Invoke-SimulatedReboot([string] $StateRoot) {
        foreach ($directory in Get-ChildItem $StateRoot -Directory) {
            $state = Get-Content (Join-Path $directory.FullName 'state.json') -Raw | ConvertFrom-Json
            $cgroups = @(Get-CgroupDirectory (Get-Content (Join-Path $directory.FullName 'cgroup') -Raw).Trim())
            # A frozen task takes SIGKILL only once thawed (cgroup v1 freezer); power loss needs no such care.
            foreach ($cgroup in $cgroups) {
                if (Test-Path "$cgroup/freezer.state") { Set-Content "$cgroup/freezer.state" THAWED }
                if (Test-Path "$cgroup/cgroup.freeze") { Set-Content "$cgroup/cgroup.freeze" 0 }
            }
            foreach ($id in $state.supervisorPid, $state.pid) { if ($id -gt 0) { kill -KILL $id 2>$null } }
            foreach ($cgroup in $cgroups) {
                $null = Wait-Until { -not (Get-Content "$cgroup/cgroup.procs") -or -not (Test-Path $cgroup) }
                if (Test-Path $cgroup) { [IO.Directory]::Delete($cgroup) } # rmdir(2): cgroupfs directories hold only control files
            }
        }
        Remove-Item -LiteralPath $StateRoot -Recurse -Force
    }

    $script:StateRoot = (Get-ContainerHost -Root $Root).StateRoot
    $script:Ended = New-TestContainer -Start -Command sh, -c, 'exit 3'
    $null = Wait-Container $Ended.Name -Root $Root
    $script:Running = New-TestContainer -Start -Command sleep, 600
    $script:Paused = New-TestContainer -Start -Command sleep, 600
    Suspend-Container $Paused.Name -Root $Root
    $script:NeverStarted = New-TestContainer -Command sleep, 600
    $script:Before = Get-Container $Ended.Name -Root $Root
    Invoke-SimulatedReboot $StateRoot
    $script:After = @{}
    Get-Container -Root $Root | ForEach-Object { $After[$_.Name] = $_ }
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'After a reboot' {
    It 'has really lost the live state: the state directory and the processes are gone' {
        Test-Path $StateRoot | Should -BeFalse
        # Killed: the process has ended (at most a zombie until its new parent reaps it) and its cgroups are gone.
        $stat = Get-Content "/proc/$($Running.Pid)/stat" -ErrorAction Ignore
        if ($stat) { ($stat -split ' ')[2] | Should -BeIn 'Z', 'X' }
        Get-CgroupDirectory "/containerps/$($Running.Id)" | Should -BeNullOrEmpty
        $After.Count | Should -Be 4
    }

    It 'shows a container that had exited as it ended: exit code, finish time, no error' {
        $ended = $After[$Ended.Name]
        $ended.Status | Should -Be 'Exited'
        $ended.ExitCode | Should -Be 3
        $ended.FinishedAt | Should -Be $Before.FinishedAt
        $ended.StartedAt | Should -Be $Before.StartedAt
        $ended.Error | Should -BeNullOrEmpty
    }

    It 'shows containers that were running or paused as exited, with no exit code and why' {
        foreach ($name in $Running.Name, $Paused.Name) {
            $container = $After[$name]
            $container.Status | Should -Be 'Exited'
            $container.ExitCode | Should -BeNullOrEmpty
            $container.Pid | Should -BeNullOrEmpty
            $container.StartedAt | Should -Not -BeNullOrEmpty
            $container.Error | Should -BeLike '*host restarted*'
        }
        (Get-Container -Root $Root -Status Exited).Count | Should -Be 3
    }

    It 'shows a container that was never started as Created' {
        $After[$NeverStarted.Name].Status | Should -Be 'Created'
    }

    It 'does not wait for a container that ended before it' {
        (Wait-Container $Running.Name -Root $Root -Timeout 5).Status | Should -Be 'Exited'
    }

    It 'starts them again, and they run, stop and record as before' {
        $again = Start-Container $Running.Name -Root $Root -PassThru
        $again.Status | Should -Be 'Running'
        $again.Error | Should -BeNullOrEmpty
        $stopped = Stop-Container $Running.Name -Root $Root -Force -PassThru
        $stopped.Status | Should -Be 'Exited'
        $stopped.ExitCode | Should -Be 137
        (Start-Container $NeverStarted.Name -Root $Root -PassThru).Status | Should -Be 'Running'
    }

    It 'keeps no copy for an -AutoRemove container, and removing a container takes its copy with it' {
        $gone = New-TestContainer -Start -AutoRemove -Command sleep, 600
        Test-Path (Join-Path $Root "containers/$($gone.Id)/last-state.json") | Should -BeFalse
        Remove-Container $gone.Name -Root $Root -Force
        Test-Path (Join-Path $Root "containers/$($Ended.Id)/last-state.json") | Should -BeTrue
        Remove-Container $Ended.Name -Root $Root
        Test-Path (Join-Path $Root "containers/$($Ended.Id)") | Should -BeFalse
    }
}
