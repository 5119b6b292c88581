# containerps-shim as the OCI runtime of the real clients that use runc's command line: Debian's containerd 1.6
# (its own instance: socket, root and state under TestDrive, the CRI plugin off) through containerd-shim-runc-v2
# with --runc-binary, the way a node's runtime class names another runtime binary. runc itself is the oracle: every
# case runs with it first, so a failure that is the client's or this host's shows as such.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    $script:Shim = (Resolve-Path (Join-Path $PSScriptRoot '../../out/ContainerPS/containerps-shim')).Path
    $script:Runc = (Get-Command runc -CommandType Application | Select-Object -First 1).Source
    $script:Base = Join-Path $TestDrive 'containerd'
    $null = New-Item -ItemType Directory -Force $Base
    $script:Socket = "$Base/containerd.sock"
    Set-Content -LiteralPath "$Base/config.toml" -Value @"
version = 2
root = "$Base/root"
state = "$Base/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$Socket"
[ttrpc]
  address = "$Socket.ttrpc"
"@
    $script:Daemon = Start-Process containerd -ArgumentList '--config', "$Base/config.toml" -RedirectStandardError "$Base/containerd.log" -RedirectStandardOutput "$Base/containerd.out" -PassThru
    Wait-Condition { Test-Path $Socket } -TimeoutSeconds 30 | Should -BeTrue

    function Invoke-Ctr {
        $output = & ctr -a $Socket @args 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }

    $archive = Join-Path $TestDrive 'busybox.tar'
    $null = Invoke-Tool skopeo copy --src-tls-verify=false "docker://$(Get-TestImage)" "docker-archive:${archive}:docker.io/library/busybox:latest"
    $null = Invoke-Tool ctr -a $Socket images import $archive
    $script:Busybox = 'docker.io/library/busybox:latest'
}

AfterAll {
    if ($script:Daemon) {
        foreach ($task in @(& ctr -a $Socket task ls -q 2>$null)) { & ctr -a $Socket task kill -s SIGKILL $task 2>$null; & ctr -a $Socket task rm -f $task 2>$null }
        foreach ($container in @(& ctr -a $Socket containers ls -q 2>$null)) { & ctr -a $Socket containers rm $container 2>$null }
        Stop-Process -Id $Daemon.Id -ErrorAction SilentlyContinue
        $Daemon.WaitForExit(10000) | Out-Null
    }
}

Describe 'containerd with containerps-shim as its runc' {
    It 'runs a command with <Name> and gives its output and exit code' -ForEach @(
        @{ Name = 'runc'; Runtime = 'Runc' }
        @{ Name = 'containerps-shim'; Runtime = 'Shim' }
    ) {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $id = "echo-$Name-$(Get-Random)"
        $result = Invoke-Ctr run --rm --runc-binary $binary $Busybox $id sh -c 'echo hello from $0; exit 3' ctr
        $result.Output | Should -Contain 'hello from ctr'
        $result.ExitCode | Should -Be 3
    }

    It 'runs detached with <Name>: task ps, exec, pause and resume, kill, delete' -ForEach @(
        @{ Name = 'runc'; Runtime = 'Runc' }
        @{ Name = 'containerps-shim'; Runtime = 'Shim' }
    ) {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $id = "detached-$Name-$(Get-Random)"
        (Invoke-Ctr run -d --runc-binary $binary $Busybox $id sleep 300).ExitCode | Should -Be 0
        try {
            $ps = Invoke-Ctr task ps $id
            $ps.ExitCode | Should -Be 0
            @($ps.Output | Select-Object -Skip 1).Count | Should -BeGreaterOrEqual 1
            $exec = Invoke-Ctr task exec --exec-id e1 $id sh -c 'echo in-exec; exit 4'
            $exec.Output | Should -Contain 'in-exec'
            $exec.ExitCode | Should -Be 4
            (Invoke-Ctr task pause $id).ExitCode | Should -Be 0
            (Invoke-Ctr task ls).Output -join "`n" | Should -Match "$id\s+\d+\s+PAUSED"
            (Invoke-Ctr task resume $id).ExitCode | Should -Be 0
            (Invoke-Ctr task ls).Output -join "`n" | Should -Match "$id\s+\d+\s+RUNNING"
            (Invoke-Ctr task kill -s SIGKILL $id).ExitCode | Should -Be 0
            Wait-Condition { (Invoke-Ctr task ls).Output -join "`n" -match "$id\s+\d+\s+STOPPED" } -TimeoutSeconds 30 | Should -BeTrue
            (Invoke-Ctr task rm -f $id).ExitCode | Should -Be 0 -Because 'a forced delete of a stopped task kills first and must take "container not running" as done'
        }
        finally {
            $null = Invoke-Ctr task rm -f $id
            $null = Invoke-Ctr containers rm $id
        }
        (Invoke-Ctr containers ls -q).Output | Should -Not -Contain $id
    }
}
