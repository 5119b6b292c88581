# The oracle for Build-Image: buildah bud (Debian's buildah 1.28) on the same Dockerfile and context, with its own
# throwaway storage, the same base image from the loopback registry and no network; and the two results side by
# side: the config as docker's image inspect shows it, and the root file system as one line per entry.
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -ErrorAction Stop

$script:Storage = $null

function Initialize-BuildahStorage([Parameter(Mandatory)] [string] $Parent) {
    $script:Storage = Join-Path $Parent "buildah-$([guid]::NewGuid().ToString('n'))"
    $null = New-Item -ItemType Directory -Force "$script:Storage/root", "$script:Storage/run"
}

# Removes buildah's containers, images and storage, and whatever of it is still mounted (its overlay mounts stay
# after bud in buildah 1.28).
function Remove-BuildahStorage {
    if (-not $script:Storage) { return }
    & buildah --root "$script:Storage/root" --runroot "$script:Storage/run" --storage-driver overlay rm --all *> $null
    & buildah --root "$script:Storage/root" --runroot "$script:Storage/run" --storage-driver overlay rmi --all --force *> $null
    $mounts = @(Get-Content /proc/self/mountinfo | ForEach-Object { ($_ -split ' ')[4] } | Where-Object { $_.StartsWith($script:Storage) } | Sort-Object -Descending)
    foreach ($mount in $mounts) { & umount -l $mount 2>$null }
    Remove-Item -LiteralPath $script:Storage -Recurse -Force
    $script:Storage = $null
}

# buildah with the test's storage; throws with its output when it fails.
function Invoke-Buildah {
    $output = & buildah --root "$script:Storage/root" --runroot "$script:Storage/run" --storage-driver overlay @args 2>&1
    $exitCode = $LASTEXITCODE
    Remove-PodmanBridge
    if ($exitCode -ne 0) { throw "buildah $($args -join ' ') exited with $exitCode`: $($output -join "`n")" }
    $output
}

# buildah 1.28 sets up its default CNI network (bridge cni-podman0, 10.88.0.1/16) in the test's network namespace
# even with --network none. That subnet is the default bridge's of ContainerPS too, and the second route to it
# would take the host's traffic to containers of the tests that run after these: the bridge goes at once.
function Remove-PodmanBridge {
    & ip link show cni-podman0 *> $null
    if ($LASTEXITCODE -eq 0) { & ip link delete cni-podman0 }
}

# Builds $Context with buildah bud in docker format (so HEALTHCHECK, SHELL and ONBUILD are kept) and returns the
# image's name. $Extra: more bud arguments (--build-arg, --target, ...).
function Invoke-BuildahBuild([Parameter(Mandatory)] [string] $Context, [string[]] $Extra = @()) {
    $name = "localhost/oracle-$([guid]::NewGuid().ToString('n').Substring(0, 12))"
    $null = Invoke-Buildah bud --format docker --tls-verify=false --network none --layers @Extra -t $name -f (Join-Path $Context 'Dockerfile') $Context
    $name
}

# The image config (docker's "Config" object) buildah built.
function Get-BuildahConfig([Parameter(Mandatory)] [string] $Name) {
    (Invoke-Buildah inspect --type image $Name | Out-String | ConvertFrom-Json).Docker.config
}

# Runs $Script with the root file system of buildah's image mounted at the path it is given.
function Use-BuildahRoot([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [scriptblock] $Script) {
    $container = (Invoke-Buildah from --pull-never $Name | Select-Object -Last 1).Trim()
    try {
        $path = (Invoke-Buildah mount $container | Select-Object -Last 1).Trim()
        & $Script $path
    }
    finally { $null = Invoke-Buildah rm $container }
}

# Runs $Script with the root file system of one of our images (its snapshots as a read-only overlay) at a path.
function Use-ImageRoot([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] $Image, [Parameter(Mandatory)] [scriptblock] $Script) {
    $diffIds = @((Get-Content -Raw (Get-StoreBlobPath $Root $Image.Id) | ConvertFrom-Json).rootfs.diff_ids)
    $target = Join-Path ([IO.Path]::GetTempPath()) "image-root-$([guid]::NewGuid().ToString('n'))"
    # An empty bottom layer: overlayfs wants two lower directories when it has no upper one.
    $empty = New-Item -ItemType Directory "$target.empty"
    $lowers = @($empty.FullName) + @(Get-ChainId $diffIds | ForEach-Object { Join-Path (Get-SnapshotDirectory $Root $_) 'fs' })
    Mount-ReadOnlyOverlay -LowerDirectories $lowers -Target $target
    try { & $Script $target }
    finally {
        Dismount-Overlay $target
        Remove-Item -LiteralPath $target, $empty.FullName
    }
}

# A root file system as sorted lines "path type mode uid:gid size target sha256" (no times: a build's differ run to
# run), under $Under only when given.
function Get-RootFsListing([Parameter(Mandatory)] [string] $Path, [string[]] $Under = @('')) {
    $lines = foreach ($start in $Under) {
        $base = Join-Path $Path $start.TrimStart('/')
        if (-not (Test-Path -LiteralPath $base)) { continue }
        $raw = & find -P $base -xdev -printf '%y\0%m\0%U\0%G\0%s\0%l\0%p\0' | Out-String -NoNewline
        $fields = $raw.Split([char]0)
        for ($i = 0; $i + 7 -le $fields.Length; $i += 7) {
            $type, $mode, $uid, $gid, $size, $target, $full = $fields[$i..($i + 6)]
            $relative = '/' + [IO.Path]::GetRelativePath($Path, $full).TrimStart('.')
            $content = if ($type -eq 'f') { (Get-FileHash -Algorithm SHA256 -LiteralPath $full).Hash.ToLowerInvariant() } else { '' }
            $shownSize = if ($type -eq 'd') { '' } else { $size }
            "$relative $type $mode $uid`:$gid $shownSize $target $content".TrimEnd()
        }
    }
    @($lines | Sort-Object -Unique)
}

Export-ModuleMember -Function Initialize-BuildahStorage, Remove-BuildahStorage, Invoke-Buildah, Invoke-BuildahBuild, Get-BuildahConfig, Use-BuildahRoot, Use-ImageRoot, Get-RootFsListing
