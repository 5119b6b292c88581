# The six OCI hook kinds (runtime-spec config.md "POSIX-platform Hooks", runtime.md "Lifecycle") through
# containerps-shim's runc command line, with runc as the oracle: every case runs with runc first. Each recording hook
# writes its stdin (the state) to <out>/<kind>.json and a line "<kind> <mount namespace> <host|container>" to
# <out>/order, so the test sees the order, the state, the namespace each ran in and whose root it saw.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    $script:Shim = Get-OciRuntimePath Shim
    $script:Runc = Get-OciRuntimePath Runc
    $script:Busybox = (Get-Command busybox -CommandType Application | Select-Object -First 1).Source
    $script:HostMountNamespace = (Get-Item /proc/self/ns/mnt).LinkTarget
    $script:Annotation = @{ 'org.example.hooks' = 'hook test' }

    # A bundle whose rootfs is static busybox, whose process writes its mount namespace to /out/process, with the
    # hooks given as kind -> list of @{ Script; Timeout }. In a script, OUT is the output directory as that hook
    # sees it (/out for startContainer, in the container; the host's path for the others) and BUNDLE the bundle.
    function New-HookBundle {
        param([Parameter(Mandatory)] [hashtable] $Hooks)
        $bundle = Join-Path $TestDrive "bundle-$(Get-Random)"
        $null = New-Item -ItemType Directory -Force "$bundle/rootfs/bin", "$bundle/rootfs/proc", "$bundle/rootfs/sys", "$bundle/rootfs/dev", "$bundle/rootfs/out", "$bundle/out"
        Copy-Item -LiteralPath $Busybox "$bundle/rootfs/bin/busybox"
        foreach ($applet in 'sh', 'cat', 'echo', 'readlink', 'sleep', 'test') { $null = New-Item -ItemType SymbolicLink -Path "$bundle/rootfs/bin/$applet" -Target busybox }
        $hookSection = @{}
        foreach ($kind in $Hooks.Keys) {
            $inContainer = $kind -eq 'startContainer'
            $hookSection[$kind] = @($Hooks[$kind] | ForEach-Object {
                    $script = $_.Script.Replace('OUT', $(if ($inContainer) { '/out' } else { "$bundle/out" })).Replace('BUNDLE', $bundle)
                    $hook = @{ path = $(if ($inContainer) { '/bin/busybox' } else { "$bundle/rootfs/bin/busybox" }); args = @('sh', '-c', $script); env = @('PATH=/bin') }
                    if ($_.Timeout) { $hook.timeout = $_.Timeout }
                    $hook
                })
        }
        $config = [ordered]@{
            ociVersion  = '1.0.2'
            process     = @{ terminal = $false; user = @{ uid = 0; gid = 0 }; cwd = '/'; env = @('PATH=/bin')
                args = @('sh', '-c', 'readlink /proc/self/ns/mnt > /out/process') }
            root        = @{ path = 'rootfs' }
            hostname    = 'hooks'
            annotations = $Annotation
            mounts      = @(
                @{ destination = '/proc'; type = 'proc'; source = 'proc' }
                @{ destination = '/out'; type = 'bind'; source = "$bundle/out"; options = @('rbind') }
            )
            linux       = @{ namespaces = @(@{ type = 'pid' }, @{ type = 'network' }, @{ type = 'ipc' }, @{ type = 'uts' }, @{ type = 'mount' }) }
            hooks       = $hookSection
        }
        $config | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath "$bundle/config.json"
        $bundle
    }

    # A hook that records itself (see the top of the file); -Fail makes it exit 3 after recording.
    function Get-RecordingHook([string] $Kind, [int] $Timeout = 10) {
        @{ Script = "cat > OUT/$Kind.json; echo ""$Kind `$(readlink /proc/self/ns/mnt) `$(test -e BUNDLE/config.json && echo host || echo container)"" >> OUT/order"; Timeout = $Timeout }
    }

    # One runtime call with stdin /dev/null and stdout and stderr in files: a created container keeps its caller's
    # stdio (runc's pass-through), so a pipe would not see EOF before the container ends.
    function Invoke-Runtime {
        param([Parameter(Mandatory)] [string] $Binary, [Parameter(Mandatory)] [string] $Root, [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
        $stderr = Join-Path $TestDrive "stderr-$(Get-Random)"
        & sh -c 'f=$1; shift; exec "$@" </dev/null >/dev/null 2>"$f"' sh $stderr $Binary --root $Root @Arguments
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Stderr = "$(Get-Content -LiteralPath $stderr -Raw)" }
    }

    function Get-RuntimeState([string] $Binary, [string] $Root, [string] $Id) {
        $json = & $Binary --root $Root state $Id 2>$null
        if ($LASTEXITCODE -eq 0) { $json | Out-String | ConvertFrom-Json } else { $null }
    }

    function Get-HookLines([string] $Bundle) {
        if (Test-Path "$Bundle/out/order") { @(Get-Content -LiteralPath "$Bundle/out/order") } else { @() }
    }
}

BeforeDiscovery {
    $Runtimes = @(
        @{ Name = 'runc'; Runtime = 'Runc' }
        @{ Name = 'containerps-shim'; Runtime = 'Shim' }
    )
}

Describe 'OCI hooks' {
    BeforeEach {
        $script:Root = Join-Path $TestDrive "root-$(Get-Random)"
        $script:Id = "hooks-$(Get-Random)"
    }

    AfterEach {
        foreach ($binary in $Runc, $Shim) { & $binary --root $Root delete --force $Id *> $null }
    }

    It 'runs all six hooks with <Name> in order, each in its namespace, the state on its stdin' -ForEach @(
        # runc 1.1 writes creating for prestart/createRuntime and created for poststart; the shim writes what
        # runtime-tools' hooks_stdin asks (created, running). runc runs poststart while its init may still be in
        # the startContainer hooks; the shim's start returns (and runs poststart) once the process runs.
        # runc 1.1 runs poststart already in create (runtime.md says after the process started: fixed in runc 1.2).
        @{ Name = 'runc'; Runtime = 'Runc'; CreateStatus = 'creating'; PoststartStatus = 'created'; StartBeforePoststart = $false; ByCreate = 'prestart', 'createRuntime', 'createContainer', 'poststart' }
        @{ Name = 'containerps-shim'; Runtime = 'Shim'; CreateStatus = 'created'; PoststartStatus = 'running'; StartBeforePoststart = $true; ByCreate = 'prestart', 'createRuntime', 'createContainer' }
    ) {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $kinds = 'prestart', 'createRuntime', 'createContainer', 'startContainer', 'poststart', 'poststop'
        $hooks = @{}
        foreach ($kind in $kinds) { $hooks[$kind] = @(Get-RecordingHook $kind) }
        $bundle = New-HookBundle -Hooks $hooks

        $create = Invoke-Runtime $binary $Root create --bundle $bundle $Id
        $create.ExitCode | Should -Be 0 -Because $create.Stderr
        (Get-HookLines $bundle | ForEach-Object { ($_ -split ' ')[0] }) | Should -Be $ByCreate
        $initPid = (Get-RuntimeState $binary $Root $Id).pid
        Test-Path "$bundle/out/process" | Should -BeFalse -Because 'the process runs only on start'
        $start = Invoke-Runtime $binary $Root start $Id
        $start.ExitCode | Should -Be 0 -Because $start.Stderr
        Wait-Condition { (Get-RuntimeState $binary $Root $Id).status -eq 'stopped' } -TimeoutSeconds 30 | Should -BeTrue
        $delete = Invoke-Runtime $binary $Root delete $Id
        $delete.ExitCode | Should -Be 0 -Because $delete.Stderr

        $lines = Get-HookLines $bundle
        $order = @($lines | ForEach-Object { ($_ -split ' ')[0] })
        ($order | Sort-Object) | Should -Be ($kinds | Sort-Object)
        $order[0..2] | Should -Be @('prestart', 'createRuntime', 'createContainer')
        $order[-1] | Should -Be 'poststop'
        if ($StartBeforePoststart) { $order | Should -Be $kinds }
        $containerMountNamespace = (Get-Content -LiteralPath "$bundle/out/process").Trim()
        $containerMountNamespace | Should -Not -Be $HostMountNamespace
        foreach ($line in $lines) {
            $kind, $namespace, $view = $line -split ' '
            $inContainer = $kind -in 'createContainer', 'startContainer'
            $namespace | Should -Be $(if ($inContainer) { $containerMountNamespace } else { $HostMountNamespace }) -Because "$kind's mount namespace"
            # createContainer's path resolves in the runtime namespace and it sees the host's tree; startContainer the container's root.
            $view | Should -Be $(if ($kind -eq 'startContainer') { 'container' } else { 'host' }) -Because "whose root $kind sees"
        }

        $expected = @{
            prestart = @($CreateStatus, $initPid); createRuntime = @($CreateStatus, $initPid); createContainer = @('creating', 1)
            startContainer = @('created', 1); poststart = @($PoststartStatus, $initPid); poststop = @('stopped', $null)
        }
        foreach ($kind in $kinds) {
            $state = Get-Content -LiteralPath "$bundle/out/$kind.json" -Raw | ConvertFrom-Json
            $state.id | Should -Be $Id -Because "$kind's state"
            $state.bundle | Should -Be $bundle -Because "$kind's state"
            $state.annotations.'org.example.hooks' | Should -Be 'hook test' -Because "$kind's state"
            $state.status | Should -Be $expected[$kind][0] -Because "$kind's state"
            if ($null -ne $expected[$kind][1]) { $state.pid | Should -Be $expected[$kind][1] -Because "$kind's state (1: the pid the container sees)" }
        }
    }

    It 'fails create when a <Kind> hook fails with <Name>, runs no later hook and leaves nothing' -ForEach @(
        foreach ($kind in 'prestart', 'createRuntime', 'createContainer') {
            foreach ($runtime in $Runtimes) { @{ Kind = $kind } + $runtime }
        }
    ) {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $hooks = @{ createContainer = @(Get-RecordingHook 'createContainer'); startContainer = @(Get-RecordingHook 'startContainer') }
        $hooks[$Kind] = @(@{ Script = 'exit 3' }, (Get-RecordingHook $Kind))
        $bundle = New-HookBundle -Hooks $hooks
        $create = Invoke-Runtime $binary $Root create --bundle $bundle $Id
        $create.ExitCode | Should -Not -Be 0
        Get-HookLines $bundle | Should -BeNullOrEmpty -Because 'no hook after the failed one runs'
        Get-RuntimeState $binary $Root $Id | Should -BeNull -Because 'a failed create leaves no container'
        Test-Path "$Root/$Id" | Should -BeFalse
        Test-Path "$bundle/out/process" | Should -BeFalse
    }

    It 'fails start when a startContainer hook fails with <Name>: the process does not run' -ForEach @(
        # runc's start returns once its init has read the exec fifo, before the init runs startContainer: it
        # reports success and the init dies. The shim's start waits for the outcome (README, "start").
        @{ Name = 'runc'; Runtime = 'Runc'; StartFails = $false }
        @{ Name = 'containerps-shim'; Runtime = 'Shim'; StartFails = $true }
    ) {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $bundle = New-HookBundle -Hooks @{ startContainer = @(@{ Script = 'exit 3' }, (Get-RecordingHook 'startContainer')) }
        (Invoke-Runtime $binary $Root create --bundle $bundle $Id).ExitCode | Should -Be 0
        $start = Invoke-Runtime $binary $Root start $Id
        ($start.ExitCode -ne 0) | Should -Be $StartFails -Because $start.Stderr
        Wait-Condition { (Get-RuntimeState $binary $Root $Id).status -in 'stopped', $null } -TimeoutSeconds 30 | Should -BeTrue
        Test-Path "$bundle/out/process" | Should -BeFalse
        Get-HookLines $bundle | Should -BeNullOrEmpty
    }

    It 'warns about a failing <Kind> hook with <Name>, runs the next one, and the operation succeeds' -ForEach @(
        @{ Kind = 'poststart'; Name = 'containerps-shim'; Runtime = 'Shim' }
        @{ Kind = 'poststop'; Name = 'containerps-shim'; Runtime = 'Shim' }
    ) {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $bundle = New-HookBundle -Hooks @{ $Kind = @(@{ Script = 'echo hook says no >&2; exit 3' }, (Get-RecordingHook $Kind)) }
        (Invoke-Runtime $binary $Root create --bundle $bundle $Id).ExitCode | Should -Be 0
        $start = Invoke-Runtime $binary $Root start $Id
        $start.ExitCode | Should -Be 0 -Because $start.Stderr
        Wait-Condition { (Get-RuntimeState $binary $Root $Id).status -eq 'stopped' } -TimeoutSeconds 30 | Should -BeTrue
        $delete = Invoke-Runtime $binary $Root delete $Id
        $delete.ExitCode | Should -Be 0 -Because $delete.Stderr
        @(Get-HookLines $bundle | ForEach-Object { ($_ -split ' ')[0] }) | Should -Be @($Kind)
        $failed = if ($Kind -eq 'poststart') { $start } else { $delete }
        $failed.Stderr | Should -Match "warning: $Kind hook #0 .* failed: exit status 3: hook says no"
    }

    # The oracle where it departs from runtime.md ("Lifecycle": a failing poststart or poststop hook is a warning and
    # the remaining hooks and the lifecycle go on), recorded so that a change in runc shows: runc 1.1 runs poststart
    # in create, whose failure fails the create, and stops at the first failing poststop hook.
    It 'runc 1.1 fails create for a failing poststart hook and skips the poststop hooks after a failing one' {
        $bundle = New-HookBundle -Hooks @{ poststart = @(@{ Script = 'exit 3' }, (Get-RecordingHook 'poststart')) }
        (Invoke-Runtime $Runc $Root create --bundle $bundle $Id).ExitCode | Should -Not -Be 0
        & $Runc --root $Root delete --force $Id *> $null
        $bundle = New-HookBundle -Hooks @{ poststop = @(@{ Script = 'exit 3' }, (Get-RecordingHook 'poststop')) }
        (Invoke-Runtime $Runc $Root create --bundle $bundle $Id).ExitCode | Should -Be 0
        (Invoke-Runtime $Runc $Root start $Id).ExitCode | Should -Be 0
        Wait-Condition { (Get-RuntimeState $Runc $Root $Id).status -eq 'stopped' } -TimeoutSeconds 30 | Should -BeTrue
        (Invoke-Runtime $Runc $Root delete $Id).ExitCode | Should -Be 0
        Get-HookLines $bundle | Should -BeNullOrEmpty
    }

    It 'kills a <Kind> hook that outlives its timeout with <Name> and fails create' -ForEach @(
        foreach ($kind in 'prestart', 'createContainer') {
            foreach ($runtime in $Runtimes) { @{ Kind = $kind } + $runtime }
        }
    ) {
        $binary = Get-Variable -Scope Script -Name $Runtime -ValueOnly
        $bundle = New-HookBundle -Hooks @{ $Kind = @(@{ Script = 'exec sleep 60'; Timeout = 1 }, (Get-RecordingHook $Kind)) }
        $create = Invoke-Runtime $binary $Root create --bundle $bundle $Id
        $create.ExitCode | Should -Not -Be 0
        Get-HookLines $bundle | Should -BeNullOrEmpty
        Get-RuntimeState $binary $Root $Id | Should -BeNull
        if ($Name -eq 'containerps-shim') { $create.Stderr | Should -Match 'timed out|ETIMEDOUT' }
        @(Get-Process | Where-Object { "$($_.CommandLine)" -eq 'sleep 60' }) | Should -BeNullOrEmpty -Because 'the hook was killed'
    }
}
