# Loopback SSH hosts for ContainerPS.Remoting.Tests.ps1: each an OpenSSH sshd (Debian openssh-server) of its own on a
# 127.0.0.0/8 address, with its own config, host key, pid file and authorized key, and the PowerShell SSH subsystem
# (PowerShell's "PowerShell remoting over SSH" setup: `Subsystem powershell <pwsh> -sshs`) running this repository's
# pwsh with the environment that host is given (its own store, the staged module on PSModulePath).
#
# Only loopback addresses: every sshd listens on exactly the address it is given, which must be in 127.0.0.0/8.
Set-StrictMode -Version Latest

$script:Sshd = '/usr/sbin/sshd'
# sshd refuses to start without its privilege separation directory (compiled into Debian's build); the Debian package's
# service makes it at boot, which a test machine without an init system never does.
$script:PrivilegeSeparationDirectory = '/run/sshd'

# A throwaway ed25519 key pair in $Directory, without a passphrase; returns the private key's path (the public key is
# next to it, with .pub).
function New-SshClientKey([Parameter(Mandatory)] [string] $Directory) {
    $null = New-Item -ItemType Directory -Force -Path $Directory
    $key = Join-Path $Directory 'id_ed25519'
    & ssh-keygen -q -t ed25519 -N '' -C 'containerps-remoting-test' -f $key
    if ($LASTEXITCODE -ne 0) { throw "ssh-keygen failed ($LASTEXITCODE)" }
    $key
}

# The pwsh that runs this test, as a command line a shell can exec: `dotnet pwsh` is a dotnet local tool, so this
# process is the dotnet host running the tool's pwsh.dll.
function Get-PwshCommandLine {
    $entry = [Reflection.Assembly]::GetEntryAssembly().Location
    if ($entry -like '*.dll') { @([Environment]::ProcessPath, $entry) } else { @([Environment]::ProcessPath) }
}

function ConvertTo-ShellWord([string] $Value) { "'" + $Value.Replace("'", "'\''") + "'" }

# Starts one sshd on $Address:22 whose PowerShell subsystem runs pwsh with $Environment; its files live in $Directory.
# Returns { HostName, Directory, ConfigPath, PidFile, LogFile, Pid } once it listens (sshd writes its pid file after
# binding its listen socket).
function Start-SshTestHost {
    param(
        [Parameter(Mandatory)] [ValidatePattern('^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$')] [string] $Address,
        [Parameter(Mandatory)] [string] $Directory,
        [Parameter(Mandatory)] [string] $AuthorizedKeyPath,
        [hashtable] $Environment = @{}
    )
    $null = New-Item -ItemType Directory -Force -Path $Directory, $script:PrivilegeSeparationDirectory
    $hostKey = Join-Path $Directory 'ssh_host_ed25519_key'
    & ssh-keygen -q -t ed25519 -N '' -f $hostKey
    if ($LASTEXITCODE -ne 0) { throw "ssh-keygen failed for the host key ($LASTEXITCODE)" }
    $authorizedKeys = Join-Path $Directory 'authorized_keys'
    Copy-Item -LiteralPath $AuthorizedKeyPath -Destination $authorizedKeys

    $subsystem = Join-Path $Directory 'powershell-subsystem.sh'
    Set-Content -LiteralPath $subsystem -Value @(
        '#!/bin/sh'
        foreach ($name in $Environment.Keys) { "export $name=$(ConvertTo-ShellWord $Environment[$name])" }
        "exec $((Get-PwshCommandLine | ForEach-Object { ConvertTo-ShellWord $_ }) -join ' ') -sshs -NoLogo -NoProfile"
    )
    & chmod 0755 $subsystem

    $pidFile = Join-Path $Directory 'sshd.pid'
    $config = Join-Path $Directory 'sshd_config'
    # Root by key only: no passwords, no PAM; StrictModes off because TestDrive's parents need not be root-only.
    Set-Content -LiteralPath $config -Value @(
        "ListenAddress ${Address}:22"
        "HostKey $hostKey"
        "PidFile $pidFile"
        "AuthorizedKeysFile $authorizedKeys"
        'PermitRootLogin prohibit-password'
        'PubkeyAuthentication yes'
        'PasswordAuthentication no'
        'KbdInteractiveAuthentication no'
        'UsePAM no'
        'StrictModes no'
        'X11Forwarding no'
        'AllowTcpForwarding no'
        "Subsystem powershell $subsystem"
    )
    $log = Join-Path $Directory 'sshd.log'
    # sshd re-executes itself, so it must be started by its absolute path; without -D it forks into the background.
    & $script:Sshd -f $config -E $log
    if ($LASTEXITCODE -ne 0) { throw "sshd on ${Address} did not start ($LASTEXITCODE): $(Get-Content -Raw -LiteralPath $log -ErrorAction SilentlyContinue)" }
    $sshdPid = Wait-SshdPid -PidFile $pidFile -LogFile $log
    [pscustomobject]@{ HostName = $Address; Directory = $Directory; ConfigPath = $config; PidFile = $pidFile; LogFile = $log; Pid = $sshdPid }
}

function Wait-SshdPid([string] $PidFile, [string] $LogFile) {
    for ($try = 0; $try -lt 200; $try++) {
        $text = Get-Content -Raw -LiteralPath $PidFile -ErrorAction SilentlyContinue
        if ($text -and $text.Trim() -match '^\d+$') { return [int]$text.Trim() }
        Start-Sleep -Milliseconds 50
    }
    throw "sshd never wrote ${PidFile}: $(Get-Content -Raw -LiteralPath $LogFile -ErrorAction SilentlyContinue)"
}

# Stops a test host: its sshd (by its pid file) and whatever it still runs (sessions, the PowerShell subsystem), with
# SIGTERM, then SIGKILL for what lingers; waits until they are gone.
function Stop-SshTestHost([Parameter(Mandatory)] $TestHost) {
    $processes = @(Get-SshTestHostProcess $TestHost)
    foreach ($process in $processes) { & kill -TERM $process.Pid 2>$null }
    for ($try = 0; $try -lt 100 -and @($processes | Where-Object { Test-ProcessAlive $_ }).Count; $try++) { Start-Sleep -Milliseconds 50 }
    foreach ($process in $processes | Where-Object { Test-ProcessAlive $_ }) { & kill -KILL $process.Pid 2>$null }
}

# The processes of a test host: its sshd (from the pid file, if it is still that sshd) and all its descendants, each
# as { Pid, StartTime, CommandLine }; the start time tells a live process from a later one that reused its pid.
function Get-SshTestHostProcess([Parameter(Mandatory)] $TestHost) {
    $text = Get-Content -Raw -LiteralPath $TestHost.PidFile -ErrorAction SilentlyContinue
    if (-not $text -or $text.Trim() -notmatch '^\d+$') { return }
    $all = @(Get-ProcessStat)
    $sshd = $all | Where-Object { $_.Pid -eq [int]$text.Trim() -and $_.CommandLine.Contains($TestHost.ConfigPath) }
    $tree = [Collections.Generic.List[object]]::new()
    if ($sshd) { $tree.Add($sshd) }
    for ($i = 0; $i -lt $tree.Count; $i++) {
        foreach ($child in $all | Where-Object ParentPid -eq $tree[$i].Pid) { $tree.Add($child) }
    }
    $tree
}

# True while $Process (from Get-SshTestHostProcess) is still running.
function Test-ProcessAlive($Process) {
    [bool](Get-ProcessStat -ProcessId $Process.Pid | Where-Object StartTime -eq $Process.StartTime)
}

# proc(5) /proc/<pid>/stat: the fields after the command's closing parenthesis start with state (3), ppid (4);
# starttime is field 22. Zombies count as gone. All processes, or those of $ProcessId.
function Get-ProcessStat([int[]] $ProcessId) {
    $ids = if ($PSBoundParameters.ContainsKey('ProcessId')) { $ProcessId } else {
        [IO.Directory]::GetDirectories('/proc') | ForEach-Object { [IO.Path]::GetFileName($_) } | Where-Object { $_ -match '^\d+$' }
    }
    foreach ($id in $ids) {
        try {
            $stat = [IO.File]::ReadAllText("/proc/$id/stat")
            $cmdline = [IO.File]::ReadAllText("/proc/$id/cmdline")
        }
        catch [IO.IOException], [UnauthorizedAccessException] { continue } # it ended meanwhile
        $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
        if ($fields[0] -eq 'Z') { continue }
        [pscustomobject]@{ Pid = [int]$id; ParentPid = [int]$fields[1]; StartTime = $fields[19]; CommandLine = $cmdline.TrimEnd([char]0).Replace([char]0, ' ') }
    }
}

# The ssh options that keep PowerShell's SSH transport from prompting: the hosts' keys are new on every run.
function Get-SshTestClientOption {
    @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; BatchMode = 'yes'; IdentitiesOnly = 'yes'; LogLevel = 'ERROR' }
}

Export-ModuleMember -Function New-SshClientKey, Start-SshTestHost, Stop-SshTestHost, Get-SshTestHostProcess, Test-ProcessAlive, Get-SshTestClientOption
