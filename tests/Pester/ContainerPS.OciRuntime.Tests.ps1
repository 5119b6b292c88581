# containerps-shim as the OCI runtime of the real clients that use runc's command line: Debian's containerd 1.6
# through containerd-shim-runc-v2 with --runc-binary (its own instance: socket, root and state under TestDrive, the
# CRI plugin off), and as a Kubernetes node names it: a runtime class of the CRI plugin (a second instance, the CRI
# plugin on) that a pod asks for by its runtime handler. runc itself is the oracle: every case runs with it first,
# so a failure that is the client's or this host's shows as such.

BeforeDiscovery {
    # runc first: the oracle. Handler: the name of its runtime class in the CRI instance's config.
    $Runtimes = @(
        @{ Name = 'runc'; Runtime = 'Runc'; Handler = 'runc' }
        @{ Name = 'containerps-shim'; Runtime = 'Shim'; Handler = 'containerps' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    $script:Shim = Get-OciRuntimePath Shim
    $script:Runc = Get-OciRuntimePath Runc

    # A containerd of the test's own: the config file, its root, state and sockets all under $Base.
    function Start-Containerd([string] $Base, [string] $ExtraConfig) {
        $null = New-Item -ItemType Directory -Force $Base
        Set-Content -LiteralPath "$Base/config.toml" -Value @"
version = 2
root = "$Base/root"
state = "$Base/state"
[grpc]
  address = "$Base/containerd.sock"
[ttrpc]
  address = "$Base/containerd.sock.ttrpc"
$ExtraConfig
"@
        $daemon = Start-Process containerd -ArgumentList '--config', "$Base/config.toml" -RedirectStandardError "$Base/containerd.log" -RedirectStandardOutput "$Base/containerd.out" -PassThru
        $listening = Wait-Condition { Test-Path "$Base/containerd.sock" } -TimeoutSeconds 30
        $listening | Should -BeTrue -Because (Get-Content -Raw -ErrorAction SilentlyContinue "$Base/containerd.log")
        $daemon
    }

    function Stop-Containerd($Daemon) {
        if (-not $Daemon) { return }
        Stop-Process -Id $Daemon.Id -ErrorAction SilentlyContinue
        $Daemon.WaitForExit(10000) | Out-Null
    }

    function New-ToolResult($Output) { [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($Output | ForEach-Object { "$_" }) } }

    function Invoke-Ctr { New-ToolResult (& ctr -a $Socket @args 2>&1) }

    # A busybox container running `sleep 300` with $Binary as its runc, detached; returns its id.
    function Start-DetachedContainer([string] $Binary, [string] $Prefix) {
        $id = "$Prefix-$(Get-Random)"
        $run = Invoke-Ctr run -d --runc-binary $Binary $Busybox $id sleep 300
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $id
    }

    # A forced task delete kills a running task first; then the container goes.
    function Remove-CtrContainer([string] $Id) {
        $null = Invoke-Ctr task rm -f $Id
        $null = Invoke-Ctr containers rm $Id
    }

    # `ctr run -t` and `ctr task exec -t` want a terminal on their stdin: script(1) runs ctr on a new pty and exits
    # with its code. The arguments become one sh command line, so a caller quotes what sh must keep whole.
    function Invoke-CtrOnTerminal {
        $command = (@('ctr', '-a', $Socket) + $args) -join ' '
        New-ToolResult (& script -qec $command /dev/null 2>&1)
    }

    $script:Base = Join-Path $TestDrive 'containerd'
    $script:Socket = "$Base/containerd.sock"
    $script:Daemon = Start-Containerd $Base 'disabled_plugins = ["io.containerd.grpc.v1.cri"]'

    $script:Archive = Join-Path $TestDrive 'busybox.tar'
    $null = Invoke-Tool skopeo copy --src-tls-verify=false "docker://$(Get-TestImage)" "docker-archive:${Archive}:docker.io/library/busybox:latest"
    $null = Invoke-Tool ctr -a $Socket images import $Archive
    $script:Busybox = 'docker.io/library/busybox:latest'
}

AfterAll {
    if ($script:Daemon) {
        foreach ($container in @((Invoke-Ctr containers ls -q).Output)) { Remove-CtrContainer $container }
        Stop-Containerd $Daemon
    }
}

Describe 'containerd with containerps-shim as its runc' {
    It 'runs a command with <Name> and gives its output and exit code' -ForEach $Runtimes {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $id = "echo-$Name-$(Get-Random)"
        $result = Invoke-Ctr run --rm --runc-binary $binary $Busybox $id sh -c 'echo hello from $0; exit 3' ctr
        $result.Output | Should -Contain 'hello from ctr'
        $result.ExitCode | Should -Be 3
    }

    # create --console-socket: containerd-shim-runc-v2 receives the pty master and copies it to ctr's terminal.
    It 'runs a command on a terminal with <Name> (run -t --rm)' -ForEach $Runtimes {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $id = "tty-$Name-$(Get-Random)"
        $result = Invoke-CtrOnTerminal run -t --rm --runc-binary $binary $Busybox $id sh -c "'tty; echo done; exit 5'"
        $text = $result.Output -join "`n"
        $text | Should -Match '/dev/pts/\d+'
        $text | Should -Match '(?m)^done\r?$'
        $result.ExitCode | Should -Be 5 -Because $text
        (Invoke-Ctr containers ls -q).Output | Should -Not -Contain $id
    }

    It 'runs detached with <Name>: task ps, exec, exec -t, pause and resume, kill, delete' -ForEach $Runtimes {
        $id = Start-DetachedContainer (Get-Variable -Scope Script -Name $Runtime -ValueOnly) "detached-$Name"
        try {
            $ps = Invoke-Ctr task ps $id
            $ps.ExitCode | Should -Be 0
            @($ps.Output | Select-Object -Skip 1).Count | Should -BeGreaterOrEqual 1
            $exec = Invoke-Ctr task exec --exec-id e1 $id sh -c 'echo in-exec; exit 4'
            $exec.Output | Should -Contain 'in-exec'
            $exec.ExitCode | Should -Be 4
            # exec --tty --console-socket: the exec's own pty, in the container's devpts.
            $terminal = Invoke-CtrOnTerminal task exec -t --exec-id e2 $id sh -c "'tty; exit 6'"
            $terminal.Output -join "`n" | Should -Match '/dev/pts/\d+'
            $terminal.ExitCode | Should -Be 6 -Because ($terminal.Output -join "`n")
            (Invoke-Ctr task pause $id).ExitCode | Should -Be 0
            (Invoke-Ctr task ls).Output -join "`n" | Should -Match "$id\s+\d+\s+PAUSED"
            (Invoke-Ctr task resume $id).ExitCode | Should -Be 0
            (Invoke-Ctr task ls).Output -join "`n" | Should -Match "$id\s+\d+\s+RUNNING"
            (Invoke-Ctr task kill -s SIGKILL $id).ExitCode | Should -Be 0
            Wait-Condition { (Invoke-Ctr task ls).Output -join "`n" -match "$id\s+\d+\s+STOPPED" } -TimeoutSeconds 30 | Should -BeTrue
            (Invoke-Ctr task rm -f $id).ExitCode | Should -Be 0 -Because 'a forced delete of a stopped task kills first and must take "container not running" as done'
        }
        finally { Remove-CtrContainer $id }
        (Invoke-Ctr containers ls -q).Output | Should -Not -Contain $id
    }

    # containerd-shim-runc-v2 reads the statistics from the cgroup of the init's pid itself (no `runc events`), so
    # this shows the container's processes are in a cgroup of their own that the shim finds from the pid.
    It 'gives task metrics of a container run with <Name>: memory in use and its pids' -ForEach $Runtimes {
        $id = Start-DetachedContainer (Get-Variable -Scope Script -Name $Runtime -ValueOnly) "metrics-$Name"
        try {
            $table = Invoke-Ctr task metrics $id
            $table.ExitCode | Should -Be 0 -Because ($table.Output -join "`n")
            $text = $table.Output -join "`n"
            # cgroup v1 names memory.usage_in_bytes, v2 memory.usage.
            $text | Should -Match '(?m)^memory\.usage(_in_bytes)?\s+[1-9]\d*\s*$'
            $text | Should -Match '(?m)^pids\.current\s+1\s*$' -Because 'sleep is the only process'

            $json = Invoke-Ctr task metrics --format json $id
            $json.ExitCode | Should -Be 0 -Because ($json.Output -join "`n")
            $metrics = $json.Output -join "`n" | ConvertFrom-Json
            $usage = if ($metrics.memory.usage -is [psobject]) { $metrics.memory.usage.usage } else { $metrics.memory.usage }
            $usage | Should -BeGreaterThan 0
            $metrics.pids.current | Should -Be 1
        }
        finally { Remove-CtrContainer $id }
        (Invoke-Ctr containers ls -q).Output | Should -Not -Contain $id
    }
}

# The runtime class as a Kubernetes node's containerd is set up: a runtime of the CRI plugin whose runtime_type is
# containerd-shim-runc-v2 and whose BinaryName is the runtime binary, asked for by a pod's runtime handler. The pod
# goes through the CRI API (runtime.v1) as the kubelet drives it, with a client made from Cri/cri.proto by protoc.
Describe 'containerd''s CRI plugin with containerps-shim as a runtime class' {
    BeforeAll {
        $script:CriBase = Join-Path $TestDrive 'cri'
        $script:CriSocket = "$CriBase/containerd.sock"
        # The pods' cgroups go below a parent named after this run, so none can outlive it unseen.
        $script:CgroupParent = "/containerps-cri-$(Get-Random)"
        $script:SandboxImage = 'localhost/containerps-pause:1'
        # The runtime class stanzas, as README.md shows them. restrict_oom_score_adj: the CRI plugin gives a sandbox
        # oom_score_adj -998, which needs CAP_SYS_RESOURCE that this host lacks (runc fails the create too);
        # restricted, it is no lower than containerd's own. The CNI directories are the test's (empty: the pods
        # use the node's network), so no host CNI configuration applies.
        $script:CriDaemon = Start-Containerd $CriBase @"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$SandboxImage"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CriBase/cni/bin"
    conf_dir = "$CriBase/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.containerps]
    runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.containerps.options]
    BinaryName = "$Shim"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
    BinaryName = "$Runc"
"@

        $script:CriGenerated = Join-Path $CriBase 'generated'
        $null = New-Item -ItemType Directory -Force $CriGenerated
        $null = Invoke-Tool protoc "--python_out=$CriGenerated" -I (Join-Path $PSScriptRoot 'Cri') (Join-Path $PSScriptRoot 'Cri/cri.proto')

        # One RuntimeService call: the request (a hashtable in protobuf's JSON mapping) in, the response out; a gRPC
        # error throws with its code and details.
        function Invoke-Cri([string] $Method, [hashtable] $Request = @{}) {
            $json = $Request | ConvertTo-Json -Depth 10 -Compress
            $output = Invoke-Tool /usr/bin/python3 (Join-Path $PSScriptRoot 'Cri/cri.py') $CriGenerated $CriSocket $Method $json
            $output -join "`n" | ConvertFrom-Json
        }

        function Remove-Pod([string] $SandboxId) {
            $null = Invoke-Cri StopPodSandbox @{ pod_sandbox_id = $SandboxId }
            $null = Invoke-Cri RemovePodSandbox @{ pod_sandbox_id = $SandboxId }
        }

        $served = Wait-Condition { try { (Invoke-Cri Version @{ version = 'v1' }).runtime_api_version -eq 'v1' } catch { $false } } -TimeoutSeconds 30
        $served | Should -BeTrue -Because (Get-Content -Raw "$CriBase/containerd.log")

        # The sandbox image: the test busybox whose entrypoint stays up, as a pause image does.
        $layout = Join-Path $CriBase 'layout'
        $null = Invoke-Tool skopeo copy --src-tls-verify=false "docker://$(Get-TestImage)" "oci:${layout}:busybox"
        $null = Invoke-Tool umoci config --image "${layout}:busybox" --tag pause --config.entrypoint sleep --config.cmd 3600
        $pauseArchive = Join-Path $CriBase 'pause.tar'
        $null = Invoke-Tool skopeo copy "oci:${layout}:pause" "docker-archive:${pauseArchive}:$SandboxImage"
        $null = Invoke-Tool ctr -a $CriSocket -n k8s.io images import $pauseArchive
        $null = Invoke-Tool ctr -a $CriSocket -n k8s.io images import $Archive
    }

    AfterAll {
        if ($script:CriDaemon) {
            foreach ($pod in @((Invoke-Cri ListPodSandbox).items)) { Remove-Pod $pod.id }
            Stop-Containerd $CriDaemon
        }
        # cgroup v1: one parent in each hierarchy; v2: the one below /sys/fs/cgroup.
        foreach ($hierarchy in @('/sys/fs/cgroup') + @(Get-ChildItem -Directory /sys/fs/cgroup | ForEach-Object FullName)) {
            $parent = Join-Path $hierarchy $CgroupParent
            if (Test-Path -LiteralPath $parent) { & find $parent -depth -type d -exec rmdir '{}' + }
        }
    }

    It 'lists the <Handler> runtime class in containerd config dump, with its BinaryName' -ForEach $Runtimes {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $dump = Invoke-Tool containerd --config "$CriBase/config.toml" config dump
        $stanza = [regex]::Escape("[plugins.`"io.containerd.grpc.v1.cri`".containerd.runtimes.$Handler]")
        $options = [regex]::Escape("[plugins.`"io.containerd.grpc.v1.cri`".containerd.runtimes.$Handler.options]")
        $text = $dump -join "`n"
        $text | Should -Match "$stanza(\n\s+\w+ = .*)*\n\s+runtime_type = `"io\.containerd\.runc\.v2`""
        $text | Should -Match "$options\s+BinaryName = `"$([regex]::Escape($binary))`""
    }

    It 'runs a pod with runtime handler <Handler>: a container''s output in its log, its exit code, the pod removed' -ForEach $Runtimes {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $name = "pod-$Handler-$(Get-Random)"
        $sandboxConfig = @{
            metadata = @{ name = $name; uid = [guid]::NewGuid().ToString(); namespace = 'containerps-test' }
            log_directory = Join-Path $CriBase "pods/$name"
            linux = @{ cgroup_parent = $CgroupParent; security_context = @{ namespace_options = @{ network = 'NODE' } } }
        }
        $sandboxId = (Invoke-Cri RunPodSandbox @{ config = $sandboxConfig; runtime_handler = $Handler }).pod_sandbox_id
        try {
            # containerd-shim-runc-v2 calls BinaryName with --root /run/containerd/runc/k8s.io: that binary's own state
            # command reports the sandbox running with the pid and bundle of containerd's task. The other runtime could
            # not: neither reads the state.json of the other.
            $task = (Invoke-Tool ctr -a $CriSocket -n k8s.io task ls) -match "^$sandboxId\s"
            $task | Should -HaveCount 1
            $taskPid = [int]($task -split '\s+')[1]
            $output = & $binary --root /run/containerd/runc/k8s.io state $sandboxId 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            $state = $output -join "`n" | ConvertFrom-Json
            $state.status | Should -Be 'running'
            $state.pid | Should -Be $taskPid
            $state.bundle | Should -Be "$CriBase/state/io.containerd.runtime.v2.task/k8s.io/$sandboxId"

            $containerId = (Invoke-Cri CreateContainer @{
                pod_sandbox_id = $sandboxId; sandbox_config = $sandboxConfig
                config = @{
                    metadata = @{ name = 'echo' }; image = @{ image = $Busybox }; log_path = 'echo.log'
                    command = @('sh', '-c', 'echo from-cri; sleep 1; exit 0')
                }
            }).container_id
            $null = Invoke-Cri StartContainer @{ container_id = $containerId }
            Wait-Condition { (Invoke-Cri ContainerStatus @{ container_id = $containerId }).status.state -eq 'CONTAINER_EXITED' } -TimeoutSeconds 60 |
                Should -BeTrue
            $status = (Invoke-Cri ContainerStatus @{ container_id = $containerId }).status
            $status.exit_code | Should -Be 0
            $status.reason | Should -Be 'Completed'
            # The CRI log format: time, stream, F (a full line), the line.
            (Get-Content -LiteralPath $status.log_path) -join "`n" | Should -Match '(?m)^\S+ stdout F from-cri$'
        }
        finally { Remove-Pod $sandboxId }
        @((Invoke-Cri ListPodSandbox).items.id) | Should -Not -Contain $sandboxId
        Test-Path "/run/containerd/runc/k8s.io/$sandboxId" | Should -BeFalse -Because 'the runtime deleted its state'
    }
}
