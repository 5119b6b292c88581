# Seccomp end to end (issue 10): the default profile, seccomp=unconfined, custom docker and OCI profiles and the
# errors for bad ones, as root with the real supervisor and the fixture image test/seccomp:latest (busybox, the
# static probe /usr/local/bin/probe built from tests/fixtures/seccomp-probe.c, the host's bash and apt-get) from the
# loopback registry that build.ps1 Test starts. podman, given docker's own default profile or the same custom
# profile, is the oracle for what a filter makes of each probe. No test asserts a duration.
#
# Each probe is a system call whose unfiltered answer is not EPERM even without the capability it needs (see
# seccomp-probe.c), so an EPERM here comes from the filter and not from a capability check.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    # Select-PodmanRuntime: runc, or runc without rlimits where this root may not set them (bench/Bench.psm1).
    Import-Module (Join-Path $PSScriptRoot '../../bench/Bench.psm1') -Force -ErrorAction Stop
    if (-not $env:CONTAINERPS_TEST_REGISTRY) { throw 'CONTAINERPS_TEST_REGISTRY is not set: run these tests through build.ps1 Test.' }
    $script:Image = "$env:CONTAINERPS_TEST_REGISTRY/test/seccomp:latest"
    $script:Root = Join-Path $TestDrive 'store'
    Request-Image $Image -Root $Root -ErrorAction Stop | Out-Null

    # What the issue names as refused by the default profile, and controls that no profile under test touches.
    $script:Refused = 'userns', 'keyctl', 'mount', 'bpf', 'perf'
    $script:Controls = 'personality', 'getpid', 'socket-unix', 'socket-inet'
    $script:Unfiltered = @{ userns = 'ok'; keyctl = 'ok'; mount = 'EFAULT'; bpf = 'EINVAL'; perf = 'EFAULT' }
    $script:StatusCommand = 'grep -E "^(Seccomp|NoNewPrivs):" /proc/self/status'

    function New-ContainerName { 's' + [guid]::NewGuid().ToString('n').Substring(0, 10) }

    # Lines "Seccomp:<tab>2" (from /proc/<pid>/status) and "NAME RESULT" (from the probe) as one table.
    function ConvertFrom-ProbeOutput([string[]] $Lines) {
        $table = [ordered]@{}
        foreach ($line in $Lines) {
            if ($line -match '^(\S+?):?\s+(\S+)$') { $table[$Matches[1]] = $Matches[2] }
        }
        $table
    }

    # Runs `sh -c $Script` as a container's init (-Wait -AutoRemove, no network) and returns its lines as a table.
    function Invoke-ProbeContainer {
        param([Parameter(Mandatory)] [string] $Script, [string[]] $SecurityOption, [string] $User)
        $options = @{}
        if ($SecurityOption) { $options.SecurityOption = $SecurityOption }
        if ($User) { $options.User = $User }
        $global:LASTEXITCODE = -99
        $lines = @(Start-Container -Image $Image -Root $Root -Network None -Command sh, -c, $Script -Wait -AutoRemove @options -ErrorAction Stop)
        $global:LASTEXITCODE | Should -Be 0 -Because ($lines -join "`n")
        ConvertFrom-ProbeOutput $lines
    }

    # The probe itself, unfiltered on the host (this test process runs without seccomp): what the kernel answers.
    $script:HostProbe = Join-Path $TestDrive 'host-probe'
    $gccOutput = & gcc -static -O2 -o $HostProbe (Join-Path $PSScriptRoot '../fixtures/seccomp-probe.c') 2>&1
    if ($LASTEXITCODE -ne 0) { throw "gcc: $gccOutput" }
    function Invoke-HostProbe([string[]] $Probes) { ConvertFrom-ProbeOutput @(& $HostProbe @Probes) }

    # Profiles in docker's format (defaultAction, syscalls with names, errnoRet, args) and in the plain OCI
    # linux.seccomp shape, written to TestDrive. EACCES (13) and EAFNOSUPPORT (97) are errnos no kernel path of these
    # probes gives on its own, so they can only come from the rules written here.
    $script:ProfileDirectory = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'profiles')
    function Write-Profile([string] $Name, $Document) {
        $path = Join-Path $ProfileDirectory $Name
        if ($Document -is [string]) { Set-Content -LiteralPath $path -Value $Document -NoNewline }
        else { ConvertTo-Json -InputObject $Document -Depth 10 | Set-Content -LiteralPath $path }
        $path
    }
    $script:DockerProfile = Write-Profile 'docker-mkdir-inet.json' ([ordered]@{
            defaultAction = 'SCMP_ACT_ALLOW'
            architectures = @('SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32')
            syscalls      = @(
                [ordered]@{ names = @('mkdir'); action = 'SCMP_ACT_ERRNO'; errnoRet = 13 }
                [ordered]@{ names = @('socket'); action = 'SCMP_ACT_ERRNO'; errnoRet = 97
                    args = @([ordered]@{ index = 0; value = 2; valueTwo = 0; op = 'SCMP_CMP_EQ' }) }
            )
        })
    $script:OciProfile = Write-Profile 'oci-mkdir.json' ([ordered]@{
            defaultAction = 'SCMP_ACT_ALLOW'
            architectures = @('SCMP_ARCH_X86_64')
            syscalls      = @([ordered]@{ names = @('mkdir'); action = 'SCMP_ACT_ERRNO' })
        })
    # One name no kernel has, and mseal (Linux 6.10; this host's 6.18 has it, libseccomp 2.5.4 does not know it).
    $script:UnknownNamesProfile = Write-Profile 'unknown-names.json' ([ordered]@{
            defaultAction = 'SCMP_ACT_ALLOW'
            syscalls      = @(
                [ordered]@{ names = @('not_a_syscall_xyz', 'mkdir', 'mseal'); action = 'SCMP_ACT_ERRNO'; errnoRet = 13 }
                [ordered]@{ names = @('not_a_syscall_xyz'); action = 'SCMP_ACT_KILL' }
            )
        })
    $script:DockerDefaultProfile = '/usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json'
}

AfterAll {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'The default profile' {
    BeforeAll {
        $script:Running = New-ContainerName
        $script:RunningContainer = Start-Container -Image $Image -Root $Root -Name $Running -Network None -Command sleep, 100000 -ErrorAction Stop
        function Invoke-InContainer([string] $Script) {
            Invoke-ContainerCommand $Running -Root $Root -Command sh, -c, $Script -PassThru -ErrorAction Stop
        }
    }
    AfterAll { Remove-Container $Running -Root $Root -Force -ErrorAction SilentlyContinue }

    It 'filters the init (Seccomp: 2, NoNewPrivs: 1 in /proc/1/status) and the object says so' {
        $status = ConvertFrom-ProbeOutput (Invoke-InContainer 'grep -E "^(Seccomp|NoNewPrivs):" /proc/1/status').Output
        $status.Seccomp | Should -Be '2'
        $status.NoNewPrivs | Should -Be '1'
        $container = Get-Container $Running -Root $Root -ErrorAction Stop
        $container.Seccomp | Should -Be 'default'
        $container.NoNewPrivileges | Should -BeTrue
        $container.SecurityOptions | Should -BeNullOrEmpty
    }

    It 'refuses unshare(CLONE_NEWUSER), keyctl, mount, bpf and perf_event_open with EPERM in a container''s processes' {
        $result = Invoke-ProbeContainer "$StatusCommand; probe $($Refused + $Controls)"
        $result.Seccomp | Should -Be '2'
        foreach ($probe in $Refused) { $result[$probe] | Should -Be 'EPERM' -Because "$probe is not in docker's default allow list" }
        foreach ($probe in $Controls) { $result[$probe] | Should -Be 'ok' -Because "docker's default profile allows $probe" }
    }

    It 'gives an exec''d process the init''s filter: Seccomp: 2 and the same EPERMs' {
        $exec = Invoke-InContainer "$StatusCommand; probe $($Refused + $Controls)"
        $exec.ExitCode | Should -Be 0
        $result = ConvertFrom-ProbeOutput $exec.Output
        $result.Seccomp | Should -Be '2'
        $result.NoNewPrivs | Should -Be '1'
        foreach ($probe in $Refused) { $result[$probe] | Should -Be 'EPERM' }
        foreach ($probe in $Controls) { $result[$probe] | Should -Be 'ok' }
    }

    It 'filters a non-root init with no-new-privileges=false too (installed before the uid switch)' {
        $result = Invoke-ProbeContainer "id -u; $StatusCommand; probe $Refused" -SecurityOption 'no-new-privileges=false' -User nobody
        $result.NoNewPrivs | Should -Be '0'
        $result.Seccomp | Should -Be '2'
        foreach ($probe in $Refused) { $result[$probe] | Should -Be 'EPERM' }
    }
}

Describe 'Ordinary work under the default profile' {
    BeforeAll {
        $script:Worker = New-ContainerName
        $null = Start-Container -Image $Image -Root $Root -Name $Worker -Network None -Command sleep, 100000 -ErrorAction Stop
        function Invoke-Work([string[]] $Command) { Invoke-ContainerCommand $Worker -Root $Root -Command $Command -PassThru -ErrorAction Stop }
    }
    AfterAll { Remove-Container $Worker -Root $Root -Force -ErrorAction SilentlyContinue }

    It 'runs busybox applets: files, directories, links, stat, id, env' {
        $result = Invoke-Work sh, -c, 'set -e; mkdir -p /tmp/w/x; echo data > /tmp/w/x/f; ln -s f /tmp/w/x/l; cat /tmp/w/x/l; ls /tmp/w/x; stat -c %s /tmp/w/x/f; chmod 600 /tmp/w/x/f; rm -r /tmp/w; id -u; env | grep -c ^PATH='
        $result.Error | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        $result.Output | Should -Be @('data', 'f', 'l', '5', '0', '1')
    }

    It 'runs debian''s apt-get --help (a dynamically linked C++ program) to exit 0' {
        $result = Invoke-Work apt-get, --help
        $result.ExitCode | Should -Be 0 -Because ($result.Error -join "`n")
        $result.Output[0] | Should -Match '^apt \d+\.\d+'
        $result.Output | Should -Contain 'Usage: apt-get [options] command'
    }

    It 'runs bash with a pipeline' {
        $result = Invoke-Work bash, -c, 'set -o pipefail; printf "%s\n" cherry banana apple | sort | head -n 1 | tr a-z A-Z; echo "bash ${BASH_VERSINFO[0]}"'
        $result.ExitCode | Should -Be 0 -Because ($result.Error -join "`n")
        $result.Output[0] | Should -Be 'APPLE'
        $result.Output[1] | Should -Match '^bash \d+$'
    }

    It 'pings 127.0.0.1 under -Network None (a raw socket, CAP_NET_RAW being in the default set)' {
        $result = Invoke-Work ping, -c1, 127.0.0.1
        $result.ExitCode | Should -Be 0 -Because ($result.Error -join "`n")
        $result.Output | Should -Contain '1 packets transmitted, 1 packets received, 0% packet loss'
    }
}

Describe 'seccomp=unconfined' {
    It 'installs no filter: Seccomp: 0, and the probes get the kernel''s own answers, as on the host' {
        $result = Invoke-ProbeContainer "$StatusCommand; probe $($Refused + $Controls)" -SecurityOption 'seccomp=unconfined'
        $result.Seccomp | Should -Be '0'
        $onHost = Invoke-HostProbe ($Refused + $Controls)
        foreach ($probe in $Refused) {
            $result[$probe] | Should -Be $Unfiltered[$probe] -Because "$probe gets past the argument check before any capability check"
            $result[$probe] | Should -Be $onHost[$probe]
        }
        foreach ($probe in $Controls) { $result[$probe] | Should -Be 'ok' }
    }

    It 'shows unconfined on the object and gives exec''d processes no filter either' {
        $name = New-ContainerName
        $container = Start-Container -Image $Image -Root $Root -Name $name -Network None -SecurityOption seccomp=unconfined -Command sleep, 100000 -ErrorAction Stop
        try {
            $container.Seccomp | Should -Be 'unconfined'
            (Get-Container $name -Root $Root).Seccomp | Should -Be 'unconfined'
            $container.SecurityOptions | Should -Be @('seccomp=unconfined')
            $exec = Invoke-ContainerCommand $name -Root $Root -Command sh, -c, "$StatusCommand; probe $Refused" -PassThru -ErrorAction Stop
            $result = ConvertFrom-ProbeOutput $exec.Output
            $result.Seccomp | Should -Be '0'
            foreach ($probe in $Refused) { $result[$probe] | Should -Be $Unfiltered[$probe] }
        }
        finally { Remove-Container $name -Root $Root -Force }
    }
}

Describe 'A custom profile' {
    It 'applies a docker-format profile given by a path relative to the PowerShell location: mkdir EACCES, socket(AF_INET) EAFNOSUPPORT, socket(AF_UNIX) allowed' {
        Push-Location $ProfileDirectory
        try {
            $output = @(Start-Container -Image $Image -Root $Root -Network None -SecurityOption "seccomp=$(Split-Path -Leaf $DockerProfile)" `
                    -Command sh, -c, "$StatusCommand; probe mkdir:/tmp/d socket-inet socket-unix getpid mount; test -d /tmp/d && echo made || echo absent" `
                    -Wait -PassThru -AutoRemove -ErrorAction Stop)
        }
        finally { Pop-Location }
        $result = ConvertFrom-ProbeOutput $output[0..($output.Count - 2)]
        $result.Seccomp | Should -Be '2'
        $result['mkdir:/tmp/d'] | Should -Be 'EACCES'
        $output | Should -Contain 'absent'
        $result['socket-inet'] | Should -Be 'EAFNOSUPPORT'
        $result['socket-unix'] | Should -Be 'ok'
        $result.getpid | Should -Be 'ok'
        $result.mount | Should -Be 'EFAULT' -Because 'defaultAction SCMP_ACT_ALLOW lets everything else through'
        $output[-1].Seccomp | Should -Be $DockerProfile
        $output[-1].SecurityOptions | Should -Be @("seccomp=$DockerProfile")
    }

    It 'applies a plain OCI linux.seccomp object from New-Container when Start-Container starts it: SCMP_ACT_ERRNO without errnoRet is EPERM' {
        $name = New-ContainerName
        $created = New-Container -Image $Image -Root $Root -Name $name -Network None -SecurityOption "seccomp=$OciProfile" `
            -Command sh, -c, "$StatusCommand; probe mkdir:/tmp/d socket-inet userns" -ErrorAction Stop
        try {
            $created.Seccomp | Should -Be $OciProfile
            $result = ConvertFrom-ProbeOutput @(Start-Container $name -Root $Root -Wait -ErrorAction Stop)
            $result.Seccomp | Should -Be '2'
            $result['mkdir:/tmp/d'] | Should -Be 'EPERM'
            $result['socket-inet'] | Should -Be 'ok'
            $result.userns | Should -Be 'ok'
        }
        finally { Remove-Container $name -Root $Root -Force }
    }

    It 'loads a profile naming syscalls this kernel or libseccomp lacks, and applies the rest of its rule' {
        $result = Invoke-ProbeContainer "$StatusCommand; probe mkdir:/tmp/d getpid" -SecurityOption "seccomp=$UnknownNamesProfile"
        $result.Seccomp | Should -Be '2'
        $result['mkdir:/tmp/d'] | Should -Be 'EACCES'
        $result.getpid | Should -Be 'ok'
    }
}

Describe 'Profiles and options that cannot be used' {
    BeforeAll {
        $script:Bad = @{
            NotJson         = Write-Profile 'not-json.json' '{ "defaultAction": "SCMP_ACT_ALLOW", '
            UnknownAction   = Write-Profile 'unknown-action.json' ([ordered]@{
                    defaultAction = 'SCMP_ACT_ALLOW'; syscalls = @([ordered]@{ names = @('mkdir'); action = 'SCMP_ACT_MAYBE' }) })
            UnknownOperator = Write-Profile 'unknown-operator.json' ([ordered]@{
                    defaultAction = 'SCMP_ACT_ALLOW'
                    syscalls      = @([ordered]@{ names = @('socket'); action = 'SCMP_ACT_ERRNO'; args = @([ordered]@{ index = 0; value = 2; op = 'SCMP_CMP_ROUGHLY' }) })
                })
            Notify          = Write-Profile 'notify.json' ([ordered]@{
                    defaultAction = 'SCMP_ACT_ALLOW'; syscalls = @([ordered]@{ names = @('mkdir'); action = 'SCMP_ACT_NOTIFY' }) })
            Missing         = Join-Path $ProfileDirectory 'no-such-profile.json'
        }

        # What a refused container could leave: a container, its directory or state, mounts of its store, and
        # anything new under /run/containerps (state, network namespaces, the compiled-filter cache).
        function Get-Leftover([string] $Store) {
            $stateRoot = [ContainerPS.Engine.Runtime.ContainerService]::new($Store).StateRoot
            @(
                Get-Container -Root $Store -ErrorAction SilentlyContinue | ForEach-Object { "container: $($_.Name)" }
                Get-ChildItem -LiteralPath (Join-Path $Store 'containers') -Force -ErrorAction SilentlyContinue | ForEach-Object { "dir: $($_.FullName)" }
                Get-ChildItem -LiteralPath $stateRoot -Force -ErrorAction SilentlyContinue | ForEach-Object { "state: $($_.FullName)" }
                Get-Content /proc/self/mountinfo | Where-Object { $_.Contains($Store) } | ForEach-Object { "mount: $_" }
            )
        }
        function Get-RunEntry { @(Get-ChildItem -LiteralPath /run/containerps -Recurse -Force -ErrorAction SilentlyContinue | ForEach-Object FullName | Sort-Object) }
    }

    It 'refuses <Case> with <ErrorId> from New-Container and Start-Container, naming the profile, and leaves nothing' -TestCases @(
        @{ Case = 'a file that is not JSON'; Key = 'NotJson'; ErrorId = 'SeccompProfileInvalid'; Says = '*not valid*' }
        @{ Case = 'an unknown action'; Key = 'UnknownAction'; ErrorId = 'SeccompProfileInvalid'; Says = '*SCMP_ACT_MAYBE*' }
        @{ Case = 'an unknown operator'; Key = 'UnknownOperator'; ErrorId = 'SeccompProfileInvalid'; Says = '*SCMP_CMP_ROUGHLY*' }
        @{ Case = 'a missing file'; Key = 'Missing'; ErrorId = 'SeccompProfileNotFound'; Says = '*does not exist*' }
        @{ Case = 'SCMP_ACT_NOTIFY'; Key = 'Notify'; ErrorId = 'SeccompNotifyNotSupported'; Says = '*SCMP_ACT_NOTIFY*' }
    ) {
        param($Case, $Key, $ErrorId, $Says)
        $store = New-TestStore $TestDrive
        $path = $Bad[$Key]
        $runBefore = Get-RunEntry
        $name = New-ContainerName
        foreach ($cmdlet in 'New-Container', 'Start-Container') {
            $thrown = { & $cmdlet -Image (Get-TestImage) -Root $store -Name $name -Network None -SecurityOption "seccomp=$path" -Command true -ErrorAction Stop } |
                Should -Throw -ErrorId "$ErrorId,*" -PassThru -Because $cmdlet
            $thrown.Exception.Message | Should -BeLike "*$path*"
            $thrown.Exception.Message | Should -BeLike $Says
            $thrown.CategoryInfo.TargetName | Should -Be $path
        }
        Get-Leftover $store | Should -BeNullOrEmpty
        Get-RunEntry | Should -Be $runBefore
    }

    It 'refuses a security option it does not know with SecurityOptionInvalid, and leaves nothing' {
        $store = New-TestStore $TestDrive
        $runBefore = Get-RunEntry
        foreach ($option in 'bogus=1', 'no-new-privileges=maybe', 'seccomp=') {
            { Start-Container -Image (Get-TestImage) -Root $store -Network None -SecurityOption $option -Command true -Wait -AutoRemove -ErrorAction Stop } |
                Should -Throw -ErrorId 'SecurityOptionInvalid,*' -Because $option
        }
        Get-Leftover $store | Should -BeNullOrEmpty
        Get-RunEntry | Should -Be $runBefore
    }
}

Describe 'podman as the oracle' {
    BeforeAll {
        $script:Podman = @('--root', (Join-Path $TestDrive 'podman'), '--runroot', (Join-Path $TestDrive 'podman-run'),
            '--storage-driver', 'overlay', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file')
        $pulled = & podman @Podman pull --quiet --tls-verify=false $Image 2>&1
        if ($LASTEXITCODE -ne 0) { throw "podman pull: $pulled" }
        $script:Podman += '--runtime', (Select-PodmanRuntime $Podman $Image)

        $script:AllProbes = $Refused + $Controls + 'mkdir:/tmp/d'
        function Invoke-PodmanProbe([string] $SecurityOption) {
            $lines = @(& podman @Podman run --rm --network none --security-opt $SecurityOption $Image sh -c "$StatusCommand; probe $AllProbes" 2>&1)
            $LASTEXITCODE | Should -Be 0 -Because ($lines -join "`n")
            ConvertFrom-ProbeOutput $lines
        }
        function Get-Answers($Table) { @($AllProbes + 'Seccomp' | ForEach-Object { "$_ $($Table[$_])" }) }
    }
    AfterAll { & podman @Podman system reset --force 2>&1 | Out-Null }

    It 'podman with docker''s default profile (docker 20.10''s default.json) gives the answers ContainerPS''s default profile gives' {
        $podman = Invoke-PodmanProbe "seccomp=$DockerDefaultProfile"
        $ours = Invoke-ProbeContainer "$StatusCommand; probe $AllProbes"
        Get-Answers $ours | Should -Be (Get-Answers $podman)
        foreach ($probe in $Refused) { $podman[$probe] | Should -Be 'EPERM' -Because 'the oracle refuses it too' }
    }

    It 'podman gives the answers ContainerPS gives under <Name>' -TestCases @(
        @{ Name = 'seccomp=unconfined'; Option = { 'seccomp=unconfined' } }
        @{ Name = 'the docker-format custom profile'; Option = { "seccomp=$DockerProfile" } }
        @{ Name = 'the OCI-shaped custom profile'; Option = { "seccomp=$OciProfile" } }
        @{ Name = 'the profile with unknown syscall names'; Option = { "seccomp=$UnknownNamesProfile" } }
    ) {
        param($Name, $Option)
        $securityOption = & $Option
        $podman = Invoke-PodmanProbe $securityOption
        $ours = Invoke-ProbeContainer "$StatusCommand; probe $AllProbes" -SecurityOption $securityOption
        Get-Answers $ours | Should -Be (Get-Answers $podman)
    }
}
