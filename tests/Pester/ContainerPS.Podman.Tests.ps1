# containerps-shim as podman's OCI runtime: Debian's podman 4.3 with conmon, which calls its runtime with runc's
# command line (create --bundle --pid-file [--console-socket], start, exec --process --detach --pid-file [--tty
# --console-socket], kill, pause, resume, delete --force). runc itself is the oracle: every case runs with
# `--runtime runc` first, so a failure that is podman's or this host's shows as such.
# podman is isolated completely: its own --root, --runroot and --tmpdir under TestDrive, cgroupfs, the file events
# backend, a containers.conf of its own (CONTAINERS_CONF: no host configuration applies; file locks under the
# tmpdir instead of the host's shared memory segment), and every container with --network none (podman's default
# network would create a bridge and iptables rules on the host). The runtimes keep their state in their default roots
# (/run/runc, /run/containerps/runtime): podman 4.3's `container cleanup` after `run --rm` drops --runtime-flag, so
# a root of their own would leave the stopped containers there; every container is removed in the end.

BeforeDiscovery {
    # runc first: the oracle.
    $Runtimes = @(
        @{ Name = 'runc'; Runtime = 'Runc' }
        @{ Name = 'containerps-shim'; Runtime = 'Shim' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    $script:Shim = Get-OciRuntimePath Shim
    $script:Runc = Get-OciRuntimePath Runc
    $script:Base = Join-Path $TestDrive 'podman'
    $null = New-Item -ItemType Directory -Force $Base
    # default_ulimits: podman asks for RLIMIT_NOFILE 1048576 and RLIMIT_NPROC at its own hard limit; raising a hard
    # limit needs CAP_SYS_RESOURCE, which a container host may lack (runc then fails every create). Lower limits
    # than any host's keep the oracle working everywhere.
    $script:ConfigFile = Join-Path $Base 'containers.conf'
    Set-Content -LiteralPath $ConfigFile -Value @'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
lock_type = "file"
'@
    $script:PodmanOptions = @('--root', "$Base/root", '--runroot', "$Base/runroot", '--tmpdir', "$Base/tmp",
        '--cgroup-manager', 'cgroupfs', '--events-backend', 'file', '--storage-driver', 'overlay')
    $script:PreviousConfig = $env:CONTAINERS_CONF
    # conmon inherits it, and so does the `podman container cleanup` it runs when a container ends.
    $env:CONTAINERS_CONF = $ConfigFile

    function New-ToolResult($Output) { [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($Output | ForEach-Object { "$_" }) } }

    function Invoke-Podman { New-ToolResult (& podman @PodmanOptions @args 2>&1) }

    # `podman exec -it` wants a terminal on its stdin: script(1) runs it on a new pty and exits with its code.
    function Invoke-PodmanOnTerminal {
        $command = (@('podman') + $PodmanOptions + $args) -join ' '
        New-ToolResult (& script -qec $command /dev/null 2>&1)
    }

    function Get-PodmanState([string] $Id) { (Invoke-Podman inspect --format '{{.State.Status}} {{.State.ExitCode}}' $Id).Output[-1] }

    $script:Image = Get-TestImage
    $null = Invoke-Tool podman @PodmanOptions pull --tls-verify=false "docker://$Image"
}

AfterAll {
    if ($script:PodmanOptions) {
        $null = & podman @PodmanOptions rm --all --force --time 0 2>&1
        $null = & podman @PodmanOptions rmi --all --force 2>&1
    }
    $env:CONTAINERS_CONF = $script:PreviousConfig
}

Describe 'podman with containerps-shim as its OCI runtime' {
    It 'runs a command with <Name> (run --rm) and gives its output and exit code' -ForEach $Runtimes {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $name = "echo-$Name-$(Get-Random)"
        $result = Invoke-Podman run --rm --name $name --runtime $binary --network none $Image sh -c 'echo hello from $0; exit 3' podman
        $result.Output | Should -Contain 'hello from podman'
        $result.ExitCode | Should -Be 3
        (Invoke-Podman ps --all --format '{{.Names}}').Output | Should -Not -Contain $name
    }

    It 'runs a command on a terminal with <Name> (run -it: create --console-socket)' -ForEach $Runtimes {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        # The pause before the exit: podman 4.3 attaches to conmon after the start, and what a terminal container
        # writes before that is not shown; with runc itself `tty; exit 6` printed nothing in 5 of 25 runs here.
        $result = Invoke-PodmanOnTerminal run --rm -it --runtime $binary --network none $Image sh -c "'tty; sleep 0.5; exit 6'"
        $result.Output -join "`n" | Should -Match '/dev/pts/\d+'
        $result.ExitCode | Should -Be 6
    }

    # --read-only mounts tmpfs on /run, /tmp and /var/tmp with runc's tmpcopyup option.
    It 'runs a read-only container with <Name>: /run, /tmp and /var/tmp writable, the rest refused' -ForEach $Runtimes {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $script = 'touch /run/a /tmp/b /var/tmp/c && echo tmpfs-written; stat -c %a /tmp; touch /x 2>/dev/null || echo root-refused'
        $result = Invoke-Podman run --rm --read-only --runtime $binary --network none $Image sh -c $script
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Be @('tmpfs-written', '1777', 'root-refused')
    }

    # podman tells these apart by the runtime's error text (permission denied: 126, no such file or directory: 127);
    # runc's create fails for them, as its init looks the program up before it waits for start.
    It 'fails run of a program that is <Case> with <Name>: exit code <Code>' -ForEach @(
        @{ Name = 'runc'; Runtime = 'Runc'; Case = 'missing'; Program = '/no/such/program'; Code = 127 }
        @{ Name = 'containerps-shim'; Runtime = 'Shim'; Case = 'missing'; Program = '/no/such/program'; Code = 127 }
        @{ Name = 'runc'; Runtime = 'Runc'; Case = 'not on PATH'; Program = 'no-such-program'; Code = 127 }
        @{ Name = 'containerps-shim'; Runtime = 'Shim'; Case = 'not on PATH'; Program = 'no-such-program'; Code = 127 }
        @{ Name = 'runc'; Runtime = 'Runc'; Case = 'not executable'; Program = '/etc/passwd'; Code = 126 }
        @{ Name = 'containerps-shim'; Runtime = 'Shim'; Case = 'not executable'; Program = '/etc/passwd'; Code = 126 }
    ) {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $name = "fail-$Name-$(Get-Random)"
        $result = Invoke-Podman run --rm --name $name --runtime $binary --network none $Image $Program
        $result.ExitCode | Should -Be $Code -Because ($result.Output -join "`n")
        (Invoke-Podman ps --all --format '{{.Names}}').Output | Should -Not -Contain $name
    }

    It 'runs detached with <Name>: exec, exec -it, pause and unpause, top, stats, stop, rm' -ForEach $Runtimes {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        # sh waits for its sleep, so the TERM of `podman stop` runs the trap at once (PID 1 has no default action).
        $run = Invoke-Podman run -d --runtime $binary --network none $Image sh -c 'trap "exit 7" TERM; sleep 300 & wait'
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $id = $run.Output[-1]
        try {
            (Get-PodmanState $id) | Should -Be 'running 0'

            $exec = Invoke-Podman exec $id sh -c 'echo in-exec; exit 4'
            $exec.Output | Should -Contain 'in-exec'
            $exec.ExitCode | Should -Be 4

            $user = Invoke-Podman exec --user 1000:1000 --workdir /tmp --env FOO=bar $id sh -c 'echo $(id -u):$(id -g) $PWD $FOO'
            $user.Output | Should -Contain '1000:1000 /tmp bar'
            $user.ExitCode | Should -Be 0

            (Invoke-Podman exec $id /no/such/program).ExitCode | Should -Be 127
            (Invoke-Podman exec $id /etc/passwd).ExitCode | Should -Be 126

            $terminal = Invoke-PodmanOnTerminal exec -it $id sh -c "'tty; exit 5'"
            $terminal.Output -join "`n" | Should -Match '/dev/pts/\d+'
            $terminal.ExitCode | Should -Be 5

            (Invoke-Podman pause $id).ExitCode | Should -Be 0
            (Get-PodmanState $id) | Should -Be 'paused 0'
            (Invoke-Podman exec $id true).ExitCode | Should -Not -Be 0 -Because 'podman refuses an exec in a paused container'
            (Invoke-Podman unpause $id).ExitCode | Should -Be 0
            (Get-PodmanState $id) | Should -Be 'running 0'

            $top = Invoke-Podman top $id pid args
            $top.ExitCode | Should -Be 0
            $top.Output -join "`n" | Should -Match '(?m)^1\s+sh -c trap'
            $top.Output -join "`n" | Should -Match '(?m)^\d+\s+sleep 300'

            $stats = Invoke-Podman stats --no-stream --format json $id
            $stats.ExitCode | Should -Be 0
            $entry = @($stats.Output -join "`n" | ConvertFrom-Json)
            $entry.Count | Should -Be 1
            $id | Should -BeLike "$($entry[0].id)*"
            $entry[0].pids | Should -Be '2' -Because 'sh and its sleep are in the container cgroup podman reads'
            $entry[0].mem_usage | Should -Not -BeLike '0B*'

            $stop = Invoke-Podman stop --time 30 $id
            $stop.ExitCode | Should -Be 0
            (Get-PodmanState $id) | Should -Be 'exited 7'
            (Invoke-Podman rm $id).ExitCode | Should -Be 0
        }
        finally { $null = Invoke-Podman rm --force --time 0 $id }
        (Invoke-Podman ps --all --quiet --no-trunc).Output | Should -Not -Contain $id
    }
}
