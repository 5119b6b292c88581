# Run options that shape the container's kernel view: -Sysctl, -Ulimit, -ShmSize, -CpusetCpus (docker run's
# --sysctl, --ulimit, --shm-size, --cpuset-cpus), end to end as root with the real supervisor, on the fixture image
# test/busybox:latest from the loopback registry that build.ps1 Test starts. What the container's process sees is
# the oracle: /proc/sys, its own rlimits, its /dev/shm mount, its allowed CPUs.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    # The command's output in a new container that is removed once it exits.
    function Invoke-Run([string] $Script, [hashtable] $Options = @{}) {
        @(Start-Container -Image $Image -Root $Root -Network None -Command sh, -c, $Script -Wait -AutoRemove -ErrorAction Stop @Options)
    }
}

AfterAll {
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Run options' {
    AfterAll { Remove-TestContainers $Root } # per Describe: see ContainerTestSetup.psm1

    It 'sets namespaced kernel parameters with -Sysctl, and leaves the host''s alone' {
        $hostShmmax = Get-Content /proc/sys/kernel/shmmax
        $seen = Invoke-Run 'cat /proc/sys/kernel/shmmax /proc/sys/net/ipv4/ip_default_ttl' @{ Sysctl = @{ 'kernel.shmmax' = '1048576'; 'net.ipv4.ip_default_ttl' = '33' } }
        $seen | Should -Be @('1048576', '33')
        Get-Content /proc/sys/kernel/shmmax | Should -Be $hostShmmax
    }

    It 'refuses a parameter that is not the container''s own: InvalidSysctl' {
        Get-ErrorId { New-Container -Image $Image -Root $Root -Network None -Command true -Sysctl @{ 'kernel.panic' = '1' } } | Should -Be 'InvalidSysctl'
        Get-ErrorId { New-Container -Image $Image -Root $Root -Network Host -Command true -Sysctl @{ 'net.ipv4.ip_forward' = '1' } } | Should -Be 'InvalidSysctl'
        @(Get-Container -Root $Root).Count | Should -Be 0
    }

    It 'sets the process''s limits with -Ulimit, soft and hard' {
        Invoke-Run 'ulimit -Sn; ulimit -Hn; ulimit -c' @{ Ulimit = 'nofile=256:512', 'core=0' } | Should -Be @('256', '512', '0')
        Get-ErrorId { New-Container -Image $Image -Root $Root -Network None -Command true -Ulimit 'bogus=1' } | Should -Be 'InvalidUlimit'
        Get-ErrorId { New-Container -Image $Image -Root $Root -Network None -Command true -Ulimit 'nofile=9:3' } | Should -Be 'InvalidUlimit'
    }

    It 'sizes /dev/shm with -ShmSize, 64 MiB without' {
        Invoke-Run 'grep " /dev/shm " /proc/mounts' @{ ShmSize = 16MB } | Should -Match 'size=16384k'
        Invoke-Run 'grep " /dev/shm " /proc/mounts' | Should -Match 'size=65536k'
    }

    It 'pins the container to -CpusetCpus, and Set-Container moves it' {
        Invoke-Run 'grep Cpus_allowed_list /proc/self/status' @{ CpusetCpus = '0' } | Should -Match ':\s+0$'
        Get-ErrorId { New-Container -Image $Image -Root $Root -Network None -Command true -CpusetCpus 'one' } | Should -Be 'InvalidCpusetCpus'
        $pinned = Start-Container -Image $Image -Root $Root -Network None -Command sleep, 600 -CpusetCpus 0 -PassThru -ErrorAction Stop
        $pinned.Limits.CpusetCpus | Should -Be '0'
        $all = if ([Environment]::ProcessorCount -gt 1) { "0-$([Environment]::ProcessorCount - 1)" } else { '0' }
        Set-Container $pinned.Name -Root $Root -CpusetCpus $all
        (Get-Content "/proc/$($pinned.Pid)/status" | Where-Object { $_ -like 'Cpus_allowed_list*' }) | Should -Match ":\s+$all$"
        Remove-Container $pinned.Name -Root $Root -Force
    }
}
