# Helpers for ContainerPS.PullIntegrity.Tests.ps1: reading a store as files on disk (image-spec image-layout.md and
# DESIGN.md "On disk"), comparing trees, mounting snapshots with overlayfs, and running pulls in child pwsh processes.
Set-StrictMode -Version Latest

$script:TreeManifestScript = Join-Path $PSScriptRoot '../fixtures/Get-TreeManifest.ps1'
$script:ModulePath = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out/ContainerPS'))

#region Digests and the store on disk

function Get-Sha256Digest([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try { 'sha256:' + [Convert]::ToHexStringLower([Security.Cryptography.SHA256]::HashData($stream)) }
    finally { $stream.Dispose() }
}

function Get-DigestHex([string] $Digest) { $Digest.Substring('sha256:'.Length) }

# image-spec config.md, "Layer ChainID": ChainID(L0) = DiffID(L0); ChainID(L0..Ln) = sha256(ChainID(L0..Ln-1) + " " + DiffID(Ln)).
function Get-ChainId([string[]] $DiffIds) {
    $chain = $null
    foreach ($diffId in $DiffIds) {
        $chain = if ($null -eq $chain) { $diffId } else {
            'sha256:' + [Convert]::ToHexStringLower([Security.Cryptography.SHA256]::HashData([Text.Encoding]::ASCII.GetBytes("$chain $diffId")))
        }
        $chain
    }
}

function Get-StoreBlobPath([string] $Root, [string] $Digest) { Join-Path $Root "blobs/sha256/$(Get-DigestHex $Digest)" }

function Get-SnapshotDirectory([string] $Root, [string] $ChainId) { Join-Path $Root "snapshots/$(Get-DigestHex $ChainId)" }

# Every file under blobs/sha256, with the digest its name claims and the digest of its content.
function Get-StoreBlob([string] $Root) {
    foreach ($file in Get-ChildItem -LiteralPath (Join-Path $Root 'blobs/sha256') -Force) {
        [pscustomobject]@{ Name = $file.Name; Claimed = "sha256:$($file.Name)"; Actual = Get-Sha256Digest $file.FullName }
    }
}

# What a killed or failed pull may leave behind: partial downloads and unfinished (or half-removed) snapshots.
function Get-StoreLeftover([string] $Root) {
    @(Get-IngestPartial $Root) + @(Get-ChildItem -LiteralPath (Join-Path $Root 'snapshots') -Force -Filter '.tmp-*' -ErrorAction SilentlyContinue) |
        ForEach-Object FullName
}

function Get-IngestPartial([string] $Root) {
    Get-ChildItem -LiteralPath (Join-Path $Root 'ingest') -Force -Filter '*.partial' -ErrorAction SilentlyContinue
}

# True when the partial download holds exactly the first bytes of the blob at $BlobPath (what a resume builds on).
function Test-PartialIsPrefix([string] $PartialPath, [string] $BlobPath) {
    $partial = [IO.File]::ReadAllBytes($PartialPath)
    $stream = [IO.File]::OpenRead($BlobPath)
    try {
        $prefix = [byte[]]::new($partial.Length)
        $stream.ReadExactly($prefix, 0, $prefix.Length)
        [Linq.Enumerable]::SequenceEqual($prefix, $partial)
    }
    catch [IO.EndOfStreamException] { $false }
    finally { $stream.Dispose() }
}

# Anything in the store that is not where the layout puts things: a layer entry that escaped its snapshot's fs
# directory would show up here.
function Get-StoreStrayEntry([string] $Root) {
    $expected = @{ 'oci-layout' = 'file'; 'index.json' = 'file'; 'blobs' = 'dir'; 'ingest' = 'dir'; 'locks' = 'dir'; 'snapshots' = 'dir' }
    foreach ($entry in Get-ChildItem -LiteralPath $Root -Force) {
        $kind = if ($entry.PSIsContainer) { 'dir' } else { 'file' }
        if ($expected[$entry.Name] -ne $kind) { $entry.FullName }
    }
    Get-ChildItem -LiteralPath (Join-Path $Root 'blobs') -Force | Where-Object Name -ne 'sha256' | ForEach-Object FullName
    Get-ChildItem -LiteralPath (Join-Path $Root 'blobs/sha256') -Force |
        Where-Object { $_.PSIsContainer -or $_.Name -notmatch '^[0-9a-f]{64}$' } | ForEach-Object FullName
    foreach ($snapshot in Get-ChildItem -LiteralPath (Join-Path $Root 'snapshots') -Force) {
        if (-not $snapshot.PSIsContainer -or $snapshot.Name -notmatch '^[0-9a-f]{64}$') { $snapshot.FullName; continue }
        Get-ChildItem -LiteralPath $snapshot.FullName -Force | Where-Object Name -notin 'fs', 'info.json' | ForEach-Object FullName
    }
}

#endregion
#region Trees

function Get-TreeManifest([string] $Path) { & $script:TreeManifestScript -Path $Path }

# One line per difference ("path: Field ours=.. theirs=.."), for the given properties of entries present in both
# trees, so a failing assertion names every mismatch at once.
function Compare-TreeEntry {
    param([object[]] $Ours, [object[]] $Theirs, [string[]] $Property, [scriptblock] $Where = { $true })
    $theirsByPath = @{}
    foreach ($entry in $Theirs) { $theirsByPath[$entry.Path] = $entry }
    foreach ($entry in $Ours | Where-Object $Where) {
        $other = $theirsByPath[$entry.Path]
        if ($null -eq $other) { continue }
        foreach ($name in $Property) {
            if ("$($entry.$name)" -cne "$($other.$name)") { "$($entry.Path): $name ours=$($entry.$name) theirs=$($other.$name)" }
        }
    }
}

# Regular files that share an inode, as sorted groups of paths ("a|b"); the inode numbers themselves differ between trees.
function Get-HardlinkGroup([string] $Path) {
    $raw = & find -P $Path -mindepth 1 -type f -links +1 -printf '%i\0%P\0' | Out-String -NoNewline
    $fields = $raw.Split([char]0)
    $groups = @{}
    for ($i = 0; $i + 1 -lt $fields.Length; $i += 2) { $groups[$fields[$i]] += @($fields[$i + 1]) }
    @($groups.Values | ForEach-Object { ($_ | Sort-Object) -join '|' } | Sort-Object)
}

# A read-only overlayfs of snapshot fs directories (overlayfs.rst, "Multiple lower layers": only lowerdirs, the
# top one first). $LowerDirectories is in image order, bottom layer first.
function Mount-ReadOnlyOverlay {
    param([Parameter(Mandatory)] [string[]] $LowerDirectories, [Parameter(Mandatory)] [string] $Target)
    $null = New-Item -ItemType Directory -Force -Path $Target
    $topFirst = @($LowerDirectories)
    [array]::Reverse($topFirst)
    $output = & mount -t overlay overlay -o "lowerdir=$($topFirst -join ':')" $Target 2>&1
    if ($LASTEXITCODE -ne 0) { throw "mount -t overlay failed: $output" }
}

function Dismount-Overlay([string] $Target) {
    $output = & umount $Target 2>&1
    if ($LASTEXITCODE -ne 0) { throw "umount $Target failed: $output" }
}

#endregion
#region Native tools and child processes

# Runs a native tool (Invoke-Tool <command> <arguments>...) and returns its output; throws with the output when it
# exits non-zero. No param block, so arguments such as -c reach the tool instead of binding to parameters here.
# The two OCI runtimes the client tests (containerd, podman, hooks) run each case with: the staged containerps-shim
# and runc, the oracle.
function Get-OciRuntimePath([ValidateSet('Shim', 'Runc')] [string] $Name) {
    if ($Name -eq 'Shim') { return (Resolve-Path (Join-Path $PSScriptRoot '../../out/ContainerPS/containerps-shim')).Path }
    (Get-Command runc -CommandType Application | Select-Object -First 1).Source
}

function Invoke-Tool {
    $command, $arguments = $args
    $output = & $command @arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "$command $($arguments -join ' ') exited with $LASTEXITCODE`: $($output -join "`n")" }
    $output
}

function ConvertTo-PwshLiteral([string] $Text) { "'" + $Text.Replace("'", "''") + "'" }

# Starts `Request-Image <Reference> -Root <Root>` in a child pwsh that exits 0 on success and 1 (error text in
# $ErrorLog) on failure. The child is pwsh.dll run by dotnet directly: `dotnet pwsh` would start a tool shim with
# pwsh as a grandchild, and killing the shim would leave the pull running. With -ReadyFile/-GoFile the child
# imports the module, creates ReadyFile, and waits for GoFile before pulling, so several children pull at once.
function Start-PullProcess {
    param([Parameter(Mandatory)] [string] $Reference, [Parameter(Mandatory)] [string] $Root,
          [Parameter(Mandatory)] [string] $ErrorLog, [string] $ReadyFile, [string] $GoFile)
    $barrier = if ($GoFile) {
        "`$null = New-Item -ItemType File -Path $(ConvertTo-PwshLiteral $ReadyFile); " +
        "while (-not (Test-Path -LiteralPath $(ConvertTo-PwshLiteral $GoFile))) { Start-Sleep -Milliseconds 2 }; "
    } else { '' }
    $script = "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'; " +
        "try { Import-Module $(ConvertTo-PwshLiteral $script:ModulePath); $barrier" +
        "Request-Image $(ConvertTo-PwshLiteral $Reference) -Root $(ConvertTo-PwshLiteral $Root) } " +
        "catch { `$_ | Out-String | Set-Content -LiteralPath $(ConvertTo-PwshLiteral $ErrorLog); exit 1 }; exit 0"

    $executable = [Environment]::ProcessPath
    $start = [Diagnostics.ProcessStartInfo]::new($executable)
    if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $script) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    [Diagnostics.Process]::Start($start)
}

function Get-ChildError([string] $ErrorLog) {
    if (Test-Path -LiteralPath $ErrorLog) { Get-Content -Raw -LiteralPath $ErrorLog } else { '(no error log)' }
}

# Polls $Condition every $IntervalMilliseconds until it holds ($true) or $TimeoutSeconds pass ($false). A guard
# against waiting forever, not an assertion on time.
function Wait-Condition {
    param([Parameter(Mandatory)] [scriptblock] $Condition, [int] $TimeoutSeconds = 120, [int] $IntervalMilliseconds = 20)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { return $false }
        Start-Sleep -Milliseconds $IntervalMilliseconds
    }
    $true
}

#endregion

Export-ModuleMember -Function Get-OciRuntimePath, Get-Sha256Digest, Get-DigestHex, Get-ChainId, Get-StoreBlobPath, Get-SnapshotDirectory,
    Get-StoreBlob, Get-StoreLeftover, Get-IngestPartial, Test-PartialIsPrefix, Get-StoreStrayEntry, Get-TreeManifest, Compare-TreeEntry, Get-HardlinkGroup,
    Mount-ReadOnlyOverlay, Dismount-Overlay, Invoke-Tool, Start-PullProcess, Get-ChildError, Wait-Condition
