# What a container sees as its root file system, compared with an independent unpacker: the fixture image
# test/multilayer:oci (whiteouts, an opaque directory, hardlinks, absolute and relative symlinks, setuid, owners)
# run as a container, listing its own rootfs from inside (busybox find/stat/readlink/sha256sum on the overlay root,
# -xdev so /proc, /dev and /sys stay out), against `umoci unpack` of the same OCI layout.
# Needs build.ps1 Test: $env:CONTAINERPS_TEST_REGISTRY and $env:CONTAINERPS_TEST_IMAGES.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    if (-not $env:CONTAINERPS_TEST_IMAGES) { throw 'CONTAINERPS_TEST_IMAGES is not set: run these tests through build.ps1 Test.' }
    $script:Fixture = @((Get-Content -Raw $env:CONTAINERPS_TEST_IMAGES | ConvertFrom-Json).images | Where-Object name -eq 'multilayer-oci')[0]
    $script:TreeManifest = Join-Path $PSScriptRoot '../fixtures/Get-TreeManifest.ps1'

    # One line per entry of the container's root: path|raw mode (hex)|uid|gid|size|link target|sha256.
    $script:ListRoot = @'
find / -xdev | while IFS= read -r p; do
  l=''; h=''
  [ -L "$p" ] && l=$(readlink "$p")
  [ -f "$p" ] && [ ! -L "$p" ] && h=$(sha256sum "$p" | cut -d' ' -f1)
  echo "$p|$(stat -c '%f|%u|%g|%s' "$p")|$l|$h"
done
'@

    function ConvertFrom-ContainerListing([string] $Line) {
        $path, $rawMode, $uid, $gid, $size, $link, $sha = $Line -split '\|', 7
        $mode = [Convert]::ToInt32($rawMode, 16)
        $type = switch ($mode -band 0xF000) { 0x8000 { 'file' } 0x4000 { 'dir' } 0xA000 { 'symlink' } 0x2000 { 'char' } 0x6000 { 'block' } 0x1000 { 'fifo' } default { 'other' } }
        [pscustomobject]@{
            Path = $path.TrimStart('/'); Type = $type; Mode = [Convert]::ToString($mode -band 0xFFF, 8).PadLeft(4, '0')
            Uid = [int]$uid; Gid = [int]$gid; LinkTarget = $link
            Size = if ($type -in 'file', 'symlink') { [long]$size } else { $null }; Sha256 = $sha
        }
    }

    # Inside the container proc, sys and dev are mount points: stat shows the mounted file system's root (proc and
    # sysfs are 0555), not the image's directory, so for those three only presence, type and owner are compared.
    # Directory and symlink sizes depend on the file system, not the image.
    function Format-Entry($Entry) {
        $size = if ($Entry.Type -eq 'file') { $Entry.Size } else { '' }
        $mode = if ($Entry.Path -in 'proc', 'sys', 'dev') { '' } else { $Entry.Mode }
        '{0}|{1}|{2}|{3}:{4}|{5}|{6}|{7}' -f $Entry.Path, $Entry.Type, $mode, $Entry.Uid, $Entry.Gid, $Entry.LinkTarget, $size, $Entry.Sha256
    }
}

Describe 'The root file system of a container from a multi-layer image' {
    BeforeAll {
        $script:Root = Join-Path $TestDrive 'store'
        $script:Bundle = Join-Path $TestDrive 'umoci'
        umoci unpack --image "$($Fixture.layoutPath):$($Fixture.layoutTag)" $Bundle *> $null
        if ($LASTEXITCODE -ne 0) { throw 'umoci unpack failed' }
        $errors = $null
        $lines = @(Start-Container -Root $Root -Image $Fixture.reference -Command sh, -c, $ListRoot -Wait -AutoRemove -ErrorVariable errors)
        $script:ContainerErrors = @($errors)
        $script:Seen = @($lines | Where-Object { $_ -is [string] -and $_ -ne '' -and $_ -notlike '/|*' } | ForEach-Object { ConvertFrom-ContainerListing $_ })
        $script:Expected = @(& $TreeManifest -Path (Join-Path $Bundle 'rootfs'))
    }

    It 'lists itself without errors' {
        $ContainerErrors | Should -BeNullOrEmpty
        $Seen.Count | Should -BeGreaterThan 20
    }

    It 'has the same paths, types, modes, owners, link targets, sizes and contents as umoci unpack gives' {
        # /etc/hostname, /etc/hosts and /etc/resolv.conf are the engine's bind mounts over the image's (as docker's are).
        $engineFiles = 'etc/hostname', 'etc/hosts', 'etc/resolv.conf'
        @($Seen | Where-Object Path -In $engineFiles).Type | Should -Be @('file', 'file', 'file')
        $mine = @($Seen | Where-Object Path -NotIn $engineFiles | ForEach-Object { Format-Entry $_ } | Sort-Object)
        $theirs = @($Expected | Where-Object Path -NotIn $engineFiles | ForEach-Object { Format-Entry $_ } | Sort-Object)
        Compare-Object $theirs $mine | ForEach-Object { '{0} {1}' -f $_.SideIndicator, $_.InputObject } | Should -BeNullOrEmpty
    }

    It 'shows the whiteout and opaque directory applied: data/gone.txt absent, data/opq holds only c' {
        $Seen.Path | Should -Not -Contain 'data/gone.txt'
        @($Seen | Where-Object Path -like 'data/opq/*').Path | Should -Be @('data/opq/c')
    }
}
