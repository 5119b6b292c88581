# What every Pester file that starts containers does first: make sure it runs in a network namespace of its own, and
# get the fixture busybox image from the loopback registry that build.ps1 Test starts into a throwaway store.
#
# Containers join the default bridge network unless told otherwise, which makes a bridge, veth pairs and iptables rules
# in the network namespace they run in. Tests that start containers must therefore run in a namespace of their own
# (build.ps1 Test runs its test phase under `unshare --net`), never in the host's: they fail, never skip, there.
Set-StrictMode -Version Latest

function Assert-OwnNetworkNamespace {
    # The host's namespace: PID 1's when this process may read it (it may not when PID 1 holds capabilities this one
    # lacks), and the one build.ps1 Test recorded before it ran the tests under unshare --net.
    $own = (Get-Item /proc/self/ns/net).LinkTarget
    $hostNamespaces = @(
        try { [IO.File]::ResolveLinkTarget('/proc/1/ns/net', $false).ToString() } catch { }
        $env:CONTAINERPS_HOST_NETNS
    ) | Where-Object { $_ }
    if (-not $own -or -not $hostNamespaces -or $own -in $hostNamespaces) {
        throw "These tests start containers, which make bridges, veths and firewall rules: run them in a network namespace of their own (build.ps1 Test does: unshare --net; own $own, host $hostNamespaces)."
    }
}

# The fixture busybox image's reference in the test registry ($env:CONTAINERPS_TEST_REGISTRY, set by build.ps1 Test).
function Get-TestImage {
    if (-not $env:CONTAINERPS_TEST_REGISTRY) { throw 'CONTAINERPS_TEST_REGISTRY is not set: run these tests through build.ps1 Test.' }
    "$env:CONTAINERPS_TEST_REGISTRY/test/busybox:latest"
}

# A new store under $Parent (the test's TestDrive) with the fixture image pulled into it; returns its root.
function New-TestStore([Parameter(Mandatory)] [string] $Parent) {
    $root = Join-Path $Parent ([guid]::NewGuid().ToString('n'))
    Request-Image (Get-TestImage) -Root $root -ErrorAction Stop
    $root
}

# Polls $Condition until it returns something true and returns that; throws after $Tries tries. Tests wait on real
# state with this instead of sleeping a guessed time, and never assert a duration.
function Wait-Until([scriptblock] $Condition, [int] $Tries = 200, [int] $DelayMilliseconds = 50) {
    for ($i = 0; $i -lt $Tries; $i++) {
        $result = & $Condition
        if ($result) { return $result }
        Start-Sleep -Milliseconds $DelayMilliseconds
    }
    throw "Condition never held: $Condition"
}

# Removes every container of the store at $Root, running ones too. Call it from each Describe's AfterAll that makes
# containers: Pester deletes what a block created in TestDrive (a container's directory among it) when the block
# ends, and a container whose directory is gone can no longer be listed, so a file-level cleanup would miss it and
# leave it running.
function Remove-TestContainers([Parameter(Mandatory)] [string] $Root) {
    Get-Container -Root $Root -ErrorAction SilentlyContinue | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
}

# The stable error id (FullyQualifiedErrorId's first part) of the first error $Action writes or throws; 'no error'.
# The caller's error stream is merged into the output (2>&1): a preference set here would not reach a script block
# that belongs to the caller's session state.
function Get-ErrorId([Parameter(Mandatory)] [scriptblock] $Action) {
    try { $failure = & $Action 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1 }
    catch { $failure = $_ }
    if ($failure) { ($failure.FullyQualifiedErrorId -split ',')[0] } else { 'no error' }
}

Export-ModuleMember -Function Assert-OwnNetworkNamespace, Get-TestImage, New-TestStore, Wait-Until, Remove-TestContainers, Get-ErrorId
