# Start-Container -Interactive -Tty (docker run -it) and Enter-Container (docker exec -it) end to end, as root: a real pwsh in a tmux pane (a real
# terminal) runs the cmdlet against the fixture image test/busybox:latest from the loopback registry that build.ps1
# Test starts ($env:CONTAINERPS_TEST_REGISTRY). The test types with tmux send-keys and reads the screen with
# capture-pane. Waits poll the screen or real state up to a generous deadline; nothing asserts a duration.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:ModulePath = (Resolve-Path (Join-Path $PSScriptRoot '../../out/ContainerPS')).Path
    Import-Module $ModulePath -Force -ErrorAction Stop
    if (-not (Get-Command tmux -ErrorAction SilentlyContinue)) { throw 'tmux is required (build.sh installs it).' }
    $script:Image = Get-TestImage
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Root = New-TestStore $TestDrive

    # A tmux server of this test's own (-L): it inherits this process's environment and goes away in AfterAll.
    $script:TmuxSocket = 'cps-tty-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    function Invoke-Tmux { & tmux -L $script:TmuxSocket @args }

    # Runs $ScriptText in a pwsh (that then stays at its prompt) in a new 80x24 tmux session named $Session.
    function Start-PwshInTmux([string] $Session, [string] $ScriptText) {
        $script = Join-Path $TestDrive "$Session.ps1"
        Set-Content -LiteralPath $script -Value "Import-Module '$ModulePath'`n$ScriptText"
        Invoke-Tmux new-session -d -s $Session -x 80 -y 24 -c $RepoRoot "dotnet pwsh -NoProfile -NoExit -File '$script'"
    }

    function Get-Screen([string] $Session = 'tty') { (Invoke-Tmux capture-pane -p -J -t $Session -S -200) -join "`n" }

    # Polls the pane until it shows $Pattern (a regex) after $From characters of screen; fails after the deadline.
    function Wait-Screen([string] $Pattern, [int] $From = 0, [int] $Seconds = 120, [string] $Session = 'tty') {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ([DateTime]::UtcNow -lt $deadline) {
            $screen = Get-Screen $Session
            if ($screen.Length -gt $From -and $screen.Substring($From) -match $Pattern) { return }
            Start-Sleep -Milliseconds 100
        }
        throw "The terminal never showed '$Pattern'. Screen:`n$(Get-Screen $Session)"
    }

    function Send-Line([string] $Text, [string] $Session = 'tty') { Invoke-Tmux send-keys -t $Session -l $Text; Invoke-Tmux send-keys -t $Session Enter }

    # A resize reaches the container through SIGWINCH on the client: asks with stty size until the new size shows.
    function Test-ResizeSeen([string] $Session, [int] $Rows, [int] $Columns) {
        Invoke-Tmux resize-window -t $Session -x $Columns -y $Rows
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        do {
            $from = (Get-Screen $Session).Length
            Send-Line 'stty size' -Session $Session
            $seen = $(try { Wait-Screen "$Rows $Columns" -From $from -Seconds 3 -Session $Session; $true } catch { $false })
        } until ($seen -or [DateTime]::UtcNow -gt $deadline)
        $seen
    }

    # Polls until some process runs exactly these arguments (/proc/PID/cmdline).
    function Wait-CommandLine([string[]] $Arguments) {
        $expected = ($Arguments -join "`0") + "`0"
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ([DateTime]::UtcNow -lt $deadline) {
            foreach ($process in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -Match '^\d+$') {
                if ((Get-Content -Raw -LiteralPath "$($process.FullName)/cmdline" -ErrorAction SilentlyContinue) -eq $expected) { return }
            }
            Start-Sleep -Milliseconds 50
        }
        throw "No process runs '$Arguments'."
    }

    # Polls until the container's shell (host pid $Parent) has a child running $Name.
    function Wait-ChildProcess([int] $Parent, [string] $Name) {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ([DateTime]::UtcNow -lt $deadline) {
            foreach ($stat in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -Match '^\d+$') {
                $text = Get-Content -Raw -LiteralPath "$($stat.FullName)/stat" -ErrorAction SilentlyContinue
                if ($text -and $text.Contains("($Name)") -and ($text.Substring($text.LastIndexOf(')') + 2) -split ' ')[1] -eq "$Parent") { return }
            }
            Start-Sleep -Milliseconds 50
        }
        throw "No $Name under pid $Parent."
    }
}

AfterAll {
    if ($script:TmuxSocket) {
        # tmux leaves its socket file behind when the server is killed.
        $socketPath = & tmux -L $script:TmuxSocket display-message -p '#{socket_path}' 2>$null
        & tmux -L $script:TmuxSocket kill-server 2>$null
        if ($socketPath) { Remove-Item -LiteralPath $socketPath -Force -ErrorAction SilentlyContinue }
    }
    if ($script:Root) { Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue }
}

Describe 'Start-Container -Interactive -Tty in a terminal' {
    It 'gives the shell the terminal, follows resizes, delivers Ctrl+C to the container and returns to the pwsh prompt with the exit code' {
        Start-PwshInTmux tty @"
`$exited = Start-Container -Image '$Image' -Root '$Root' -Interactive -Tty -Command sh -AutoRemove -PassThru -ErrorVariable exitError -ErrorAction SilentlyContinue
"MARKER-AFTER exit=`$(`$exited.ExitCode) code=`$LASTEXITCODE errors=`$(`$exitError.Count)"
"@

        Wait-Screen '/ # '
        Send-Line 'echo hello-$((6*7)); stty size'
        Wait-Screen 'hello-42\s+24 80'

        # A resize reaches the container through SIGWINCH on the attach client: ask until the new size shows.
        Invoke-Tmux resize-window -t tty -x 100 -y 30
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        do {
            $from = (Get-Screen).Length
            Send-Line 'stty size'
            $seen = $(try { Wait-Screen '30 100' -From $from -Seconds 3; $true } catch { $false })
        } until ($seen -or [DateTime]::UtcNow -gt $deadline)
        $seen | Should -BeTrue -Because (Get-Screen)

        # Ctrl+C interrupts the foreground sleep in the container; the shell goes on.
        $container = Get-Container -Root $Root | Select-Object -First 1
        $from = (Get-Screen).Length
        Send-Line 'sleep 100'
        Wait-ChildProcess -Parent $container.Pid -Name sleep
        Invoke-Tmux send-keys -t tty C-c
        # An interactive shell drops the rest of an interrupted line: ask in a new one.
        Send-Line 'echo after-$?'
        Wait-Screen 'after-130' -From $from

        Send-Line 'exit 3'
        Wait-Screen 'MARKER-AFTER exit=3 code=3 errors=0' -From $from
        # The terminal is pwsh's again, in its own mode: a typed line echoes and runs.
        Send-Line "'typed-' + 'again'"
        Wait-Screen 'typed-again' -From $from
        @(Get-Container -Root $Root) | Should -HaveCount 0 -Because '-AutoRemove removed it'
    }
}

Describe 'Terminal switches' {
    It 'refuses -Interactive without -Tty' {
        { Start-Container -Image $Image -Root $Root -Interactive -Command sh -ErrorAction Stop } |
            Should -Throw -ErrorId 'InteractiveRequiresTty,ContainerPS.Commands.StartContainerCommand'
    }

    It 'needs a terminal on the session''s stdin for -Interactive -Tty' {
        $command = "Import-Module '$ModulePath'; try { Start-Container -Image '$Image' -Root '$Root' -Interactive -Tty -Command sh -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
        $output = '' | & dotnet pwsh -NoProfile -NonInteractive -Command $command
        $output | Should -Be 'TerminalRequired,ContainerPS.Commands.StartContainerCommand'
    }

    It 'New-Container -Tty writes process.terminal and TERM; its output is logged with the pty''s line endings' {
        $name = 'tty' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $created = New-Container -Image $Image -Root $Root -Name $name -Tty -Command sh, -c, 'test -t 0 && echo "tty on $(tty) TERM=$TERM"'
        $spec = Get-Content -Raw -LiteralPath (Join-Path $Root "containers/$($created.Id)/config.json") | ConvertFrom-Json
        $spec.process.terminal | Should -BeTrue
        $spec.process.env | Should -Contain 'TERM=xterm'

        $output = @(Start-Container -Root $Root -Name $name -Wait)
        $output | Should -Match '^tty on /dev/pts/\d+ TERM=xterm\r?$'
        Remove-Container -Root $Root -Name $name
    }

    It 'refuses -Interactive -Tty on a container created without -Tty' {
        $name = 'notty' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $null = New-Container -Image $Image -Root $Root -Name $name -Command true
        # In a terminal, so the error is about the container and not about this session's stdin.
        Start-PwshInTmux notty "try { Start-Container -Root '$Root' -Name $name -Interactive -Tty -ErrorAction Stop } catch { 'ERROR-ID ' + `$_.FullyQualifiedErrorId }"
        Wait-Screen 'ERROR-ID ContainerHasNoTerminal,ContainerPS.Commands.StartContainerCommand' -Session notty
        (Get-Container -Root $Root -Name $name).Status | Should -Be 'Created'
        Remove-Container -Root $Root -Name $name
    }
}

Describe 'Enter-Container in a terminal' {
    BeforeAll {
        $script:EnterName = 'enter' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $null = Start-Container -Image $Image -Root $Root -Name $EnterName -Command sleep, 100000 -ErrorAction Stop
    }

    AfterAll {
        Remove-Container -Root $Root -Name $EnterName -Force -ErrorAction SilentlyContinue
    }

    It 'gives a shell in the running container a pty of its own, follows resizes, delivers Ctrl+C and returns to the pwsh prompt with $LASTEXITCODE' {
        Start-PwshInTmux enter @"
Enter-Container -Root '$Root' -Name $EnterName -ErrorVariable enterError
"MARKER-AFTER code=`$LASTEXITCODE errors=`$(`$enterError.Count)"
"@

        Wait-Screen '/ # ' -Session enter
        # `tty` names the pty only if it is in the container's /dev/pts; the init (sleep) has none, so the shell's is the first.
        Send-Line 'echo hello-$((6*7)); tty; stty size; echo TERM=$TERM' -Session enter
        Wait-Screen 'hello-42\s+/dev/pts/0\s+24 80\s+TERM=xterm' -Session enter

        Test-ResizeSeen -Session enter -Rows 30 -Columns 100 | Should -BeTrue -Because (Get-Screen enter)

        # Ctrl+C interrupts the foreground sleep in the container; the shell goes on, and so does the container.
        $from = (Get-Screen enter).Length
        $seconds = Get-Random -Minimum 10000 -Maximum 99999
        Send-Line "sleep $seconds" -Session enter
        Wait-CommandLine sleep, $seconds
        Invoke-Tmux send-keys -t enter C-c
        Send-Line 'echo after-$?' -Session enter
        Wait-Screen 'after-130' -From $from -Session enter

        Send-Line 'exit 4' -Session enter
        Wait-Screen 'MARKER-AFTER code=4 errors=0' -From $from -Session enter
        # The terminal is pwsh's again, in its own mode: a typed line echoes and runs.
        Send-Line "'typed-' + 'again'" -Session enter
        Wait-Screen 'typed-again' -From $from -Session enter
        (Get-Container -Root $Root -Name $EnterName).Status | Should -Be 'Running'
    }

    It 'runs -Command as -User in -WorkingDirectory with -Environment, and refuses a container that is not running' {
        $created = 'created' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $null = New-Container -Image $Image -Root $Root -Name $created -Command true -ErrorAction Stop
        Start-PwshInTmux options @"
Enter-Container -Root '$Root' -Name $EnterName -Command sh, -c, 'echo "user=`$(id -u) dir=`$(pwd) greeting=`$GREETING"; test -t 0 && echo on-a-tty; exit 3' -User nobody -WorkingDirectory /tmp -Environment @{ GREETING = 'hi' }
"MARKER-AFTER code=`$LASTEXITCODE"
try { Enter-Container -Root '$Root' -Name $created -ErrorAction Stop } catch { 'ERROR-ID ' + `$_.FullyQualifiedErrorId }
`$PSNativeCommandUseErrorActionPreference = `$true
Enter-Container -Root '$Root' -Name $EnterName -Command sh, -c, 'exit 5' -ErrorVariable strict -ErrorAction SilentlyContinue
"MARKER-STRICT code=`$LASTEXITCODE error=`$(`$strict[0].FullyQualifiedErrorId)"
"@
        Wait-Screen 'user=65534 dir=/tmp greeting=hi\s+on-a-tty' -Session options
        Wait-Screen 'MARKER-AFTER code=3' -Session options
        Wait-Screen 'ERROR-ID ContainerNotRunning,ContainerPS.Commands.EnterContainerCommand' -Session options
        Wait-Screen 'MARKER-STRICT code=5 error=ContainerCommandFailed,ContainerPS.Commands.EnterContainerCommand' -Session options
        Remove-Container -Root $Root -Name $created
    }

    It 'needs a terminal on the session''s stdin' {
        $command = "Import-Module '$ModulePath'; try { Enter-Container -Root '$Root' -Name $EnterName -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
        $output = '' | & dotnet pwsh -NoProfile -NonInteractive -Command $command
        $output | Should -Be 'TerminalRequired,ContainerPS.Commands.EnterContainerCommand'
    }
}
