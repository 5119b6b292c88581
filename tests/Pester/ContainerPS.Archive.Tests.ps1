# Export-Image and Import-Image against the real peers: podman load/save, skopeo copy to and from docker-archive,
# oci-archive and oci layouts, umoci, GNU tar. The images come from the loopback registry build.ps1 Test starts
# ($env:CONTAINERPS_TEST_REGISTRY, $env:CONTAINERPS_TEST_IMAGES; see ContainerPS.Images.Tests.ps1). The tests start
# containers (-Network None) and so run in a network namespace of their own.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    # Select-PodmanRuntime: runc, or runc without rlimits where this root may not set them (bench/Bench.psm1).
    Import-Module (Join-Path $PSScriptRoot '../../bench/Bench.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    if (-not $env:CONTAINERPS_TEST_IMAGES) { throw 'CONTAINERPS_TEST_IMAGES is not set: run these tests through build.ps1 Test.' }
    $script:Registry = $env:CONTAINERPS_TEST_REGISTRY
    $script:Catalog = (Get-Content -Raw $env:CONTAINERPS_TEST_IMAGES | ConvertFrom-Json).images
    function Get-CatalogImage([string] $Name) { $Catalog | Where-Object name -eq $Name }

    $script:Busybox = Get-CatalogImage 'busybox'
    $script:Multilayer = Get-CatalogImage 'multilayer-oci'
    $script:Zstd = Get-CatalogImage 'zstd'
    $script:Source = Join-Path $TestDrive 'source'
    foreach ($image in $Busybox, $Multilayer, $Zstd) { $null = Request-Image $image.reference -Root $Source -ErrorAction Stop }

    function New-ThrowawayRoot { Join-Path $TestDrive ([guid]::NewGuid().ToString('n')) }
    function New-ArchivePath([string] $Name) { Join-Path (New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid().ToString('n')))) $Name }

    $script:Podman = @('--root', (Join-Path $TestDrive 'podman'), '--runroot', (Join-Path $TestDrive 'podman-run'),
        '--storage-driver', 'vfs', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file')
    function Invoke-Podman {
        $output = & podman @Podman @args 2>&1
        if ($LASTEXITCODE -ne 0) { throw "podman $args exited with ${LASTEXITCODE}: $($output -join "`n")" }
        $output
    }
    function Invoke-Skopeo {
        $output = & skopeo @args 2>&1
        if ($LASTEXITCODE -ne 0) { throw "skopeo $args exited with ${LASTEXITCODE}: $($output -join "`n")" }
        $output
    }
    function Get-TarListing([string] $Path) { @(& tar -tf $Path) }

    # A tar built entry by entry with .NET's TarWriter, so a test can make the hostile archives no tool writes.
    function New-HostileTar([string] $Path, [object[]] $Entries) {
        $stream = [IO.File]::Create($Path)
        $writer = [System.Formats.Tar.TarWriter]::new($stream, [System.Formats.Tar.TarEntryFormat]::Pax, $false)
        try {
            foreach ($e in $Entries) {
                $entry = [System.Formats.Tar.PaxTarEntry]::new($e.Type, $e.Name)
                if ($e.Contains('Link')) { $entry.LinkName = $e.Link }
                if ($e.Contains('Data')) { $entry.DataStream = [IO.MemoryStream]::new([byte[]]$e.Data) }
                $writer.WriteEntry($entry)
            }
        }
        finally { $writer.Dispose(); $stream.Dispose() }
    }
    function File([string] $Name, [byte[]] $Data) { @{ Type = [System.Formats.Tar.TarEntryType]::RegularFile; Name = $Name; Data = $Data } }
    function Utf8([string] $Text) { [Text.Encoding]::UTF8.GetBytes($Text) }

    # What an import must leave in a store when it refuses an archive: no new blob, no partial file, no staging directory.
    function Get-StoreState([string] $Root) {
        [pscustomobject]@{
            Blobs   = @(Get-StoreBlob $Root | ForEach-Object Name | Sort-Object) -join ','
            Ingest  = @(Get-ChildItem -LiteralPath (Join-Path $Root 'ingest') -Force -ErrorAction SilentlyContinue | ForEach-Object Name) -join ','
            Images  = @(Get-Image -Root $Root | ForEach-Object Id | Sort-Object) -join ','
        }
    }
}

AfterAll {
    & podman @Podman system reset --force 2>&1 | Out-Null
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Export-Image, read by podman' {
    It 'writes a docker-archive that podman load reads with the same image id and DiffIDs, and podman runs it' {
        $archive = New-ArchivePath 'busybox.tar'
        Export-Image $Busybox.reference -Root $Source -Path $archive -ErrorAction Stop
        $loaded = Invoke-Podman load --input $archive
        ($loaded -join "`n") | Should -BeLike "*$($Busybox.repository):latest*"
        $inspect = (Invoke-Podman image inspect $Busybox.reference) | ConvertFrom-Json
        $inspect[0].Id | Should -Be (Get-DigestHex $Busybox.configDigest)
        @($inspect[0].RootFS.Layers) | Should -Be @($Busybox.diffIds)

        $runtime = Select-PodmanRuntime $Podman $Busybox.reference
        $said = Invoke-Podman --runtime $runtime run --rm --network none $Busybox.reference echo saved-by-containerps
        $said | Should -Contain 'saved-by-containerps'
    }

    It 'writes an OCI archive that podman load reads with the same config digest' {
        $archive = New-ArchivePath 'multilayer.oci.tar'
        Export-Image $Multilayer.reference -Root $Source -Path $archive -Format OciArchive -ErrorAction Stop
        $null = Invoke-Podman load --input $archive
        $inspect = (Invoke-Podman image inspect $Multilayer.reference) | ConvertFrom-Json
        $inspect[0].Id | Should -Be (Get-DigestHex $Multilayer.configDigest)
        @($inspect[0].RootFS.Layers) | Should -Be @($Multilayer.diffIds)
    }

    It 'writes an OCI layout that skopeo inspect and umoci ls read, with the manifest digest kept' {
        $layout = New-ArchivePath 'layout'
        Export-Image $Busybox.reference -Root $Source -Path $layout -Format OciLayout -ErrorAction Stop
        $inspect = (Invoke-Skopeo inspect "oci:$layout") | ConvertFrom-Json
        $inspect.Digest | Should -Be $Busybox.manifestDigest
        @($inspect.Layers) | Should -Be @($Busybox.layerDigests)
        $names = & umoci ls --layout $layout
        $LASTEXITCODE | Should -Be 0
        $names | Should -Contain "$($Busybox.reference)"
    }

    It 'decompresses zstd layers into a docker-archive whose layer.tar files hash to their DiffIDs' {
        $archive = New-ArchivePath 'zstd.tar'
        Export-Image $Zstd.reference -Root $Source -Path $archive -ErrorAction Stop
        $extracted = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid().ToString('n')))
        & tar -xf $archive -C $extracted
        $LASTEXITCODE | Should -Be 0
        $manifest = Get-Content -Raw (Join-Path $extracted 'manifest.json') | ConvertFrom-Json
        $hashes = @($manifest[0].Layers | ForEach-Object { Get-Sha256Digest (Join-Path $extracted $_) })
        $hashes | Should -Be @($Zstd.diffIds)
    }
}

Describe 'Export-Image archives' {
    It 'gives the same bytes for the same images on every run, in <Format>' -ForEach @(@{ Format = 'DockerArchive' }, @{ Format = 'OciArchive' }) {
        $first = New-ArchivePath 'a.tar'
        $second = New-ArchivePath 'b.tar'
        Export-Image $Busybox.reference, $Multilayer.reference -Root $Source -Path $first -Format $Format -ErrorAction Stop
        Export-Image $Busybox.reference, $Multilayer.reference -Root $Source -Path $second -Format $Format -ErrorAction Stop
        (Get-FileHash $first).Hash | Should -Be (Get-FileHash $second).Hash
    }

    It 'writes several piped images into one archive, each entry once' {
        $archive = New-ArchivePath 'all.tar'
        Get-Image -Root $Source | Export-Image -Root $Source -Path $archive -Format OciArchive -ErrorAction Stop
        $listing = Get-TarListing $archive
        $listing.Count | Should -Be @($listing | Sort-Object -Unique).Count
        $index = (& tar -xOf $archive index.json) | ConvertFrom-Json
        @($index.manifests.annotations.'org.opencontainers.image.ref.name' | Sort-Object) |
            Should -Be @(($Busybox, $Multilayer, $Zstd).reference | Sort-Object)
    }

    It 'refuses an existing target with ExportTargetExists and leaves it as it was; -Force replaces it' {
        $archive = New-ArchivePath 'exists.tar'
        Set-Content -LiteralPath $archive -Value 'keep me'
        { Export-Image $Busybox.reference -Root $Source -Path $archive -ErrorAction Stop } | Should -Throw -ErrorId 'ExportTargetExists,*'
        Get-Content -LiteralPath $archive | Should -Be 'keep me'
        Export-Image $Busybox.reference -Root $Source -Path $archive -Force -ErrorAction Stop
        Get-TarListing $archive | Should -Contain 'manifest.json'
        @(Get-ChildItem -Force (Split-Path $archive)).Name | Should -Be @('exists.tar')
    }

    It 'leaves no file behind when an image is not found' {
        $archive = New-ArchivePath 'none.tar'
        Export-Image $Busybox.reference, 'no/such:image' -Root $Source -Path $archive -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        @(Get-ChildItem -Force (Split-Path $archive)) | Should -BeNullOrEmpty
    }
}

Describe 'Import-Image of what others wrote' {
    It 'loads podman save --format <Format> and Start-Container runs the image' -ForEach @(
        @{ Format = 'docker-archive' }, @{ Format = 'oci-archive' }) {
        $null = Invoke-Podman pull --quiet --tls-verify=false $Busybox.reference
        $archive = New-ArchivePath 'podman.tar'
        $null = Invoke-Podman save --format $Format --output $archive $Busybox.reference
        $root = New-ThrowawayRoot
        $image = Import-Image $archive -Root $root -ErrorAction Stop
        $image.Id | Should -Be $Busybox.configDigest
        $image.Reference | Should -Be $Busybox.reference
        $output = Start-Container -Image $Busybox.reference -Root $root -Network None -Command echo, loaded-from-podman -Wait -AutoRemove -PullPolicy Never -ErrorAction Stop
        $output | Should -Contain 'loaded-from-podman'
    }

    It 'gives the id a pull gives for skopeo copy to <Transport>, and for OCI the manifest digest too' -ForEach @(
        @{ Transport = 'docker-archive'; Oci = $false }, @{ Transport = 'oci-archive'; Oci = $true }, @{ Transport = 'oci'; Oci = $true }) {
        $target = New-ArchivePath 'copy'
        $name = if ($Transport -eq 'docker-archive') { $Multilayer.reference } else { 'localhost/copied:1' }
        $null = Invoke-Skopeo copy --src-tls-verify=false "docker://$($Multilayer.reference)" "${Transport}:${target}:$name"
        $root = New-ThrowawayRoot
        $image = Import-Image $target -Root $root -ErrorAction Stop
        $image.Id | Should -Be $Multilayer.configDigest
        if ($Oci) { $image.ManifestDigest | Should -Be $Multilayer.manifestDigest }
        @($image.Layers.DiffId) | Should -Be @($Multilayer.diffIds)
    }

    It 'requires -Reference for an OCI layout that names its image by a tag alone' {
        $layout = New-ArchivePath 'tagonly'
        $null = Invoke-Skopeo copy --src-tls-verify=false "docker://$($Busybox.reference)" "oci:${layout}:latest"
        $root = New-ThrowawayRoot
        { Import-Image $layout -Root $root -ErrorAction Stop } | Should -Throw -ErrorId 'ReferenceRequired,*'
        $image = Import-Image $layout -Root $root -Reference localhost/named:1 -ErrorAction Stop
        $image.Reference | Should -Be 'localhost/named:1'
        $image.ManifestDigest | Should -Be $Busybox.manifestDigest
    }
}

Describe 'Export-Image then Import-Image' {
    It 'round-trips several images in <Format>, keeping ids (and for OCI manifest digests)' -ForEach @(
        @{ Format = 'DockerArchive' }, @{ Format = 'OciArchive' }, @{ Format = 'OciLayout' }) {
        $archive = New-ArchivePath 'round'
        Export-Image $Busybox.reference, $Multilayer.reference, $Zstd.reference -Root $Source -Path $archive -Format $Format -ErrorAction Stop
        $root = New-ThrowawayRoot
        $images = @(Import-Image $archive -Root $root -ErrorAction Stop)
        $images.Reference | Should -Be @($Busybox.reference, $Multilayer.reference, $Zstd.reference)
        $images.Id | Should -Be @($Busybox.configDigest, $Multilayer.configDigest, $Zstd.configDigest)
        if ($Format -ne 'DockerArchive') { $images.ManifestDigest | Should -Be @($Busybox.manifestDigest, $Multilayer.manifestDigest, $Zstd.manifestDigest) }
        Get-StoreBlob $root | Where-Object { $_.Claimed -ne $_.Actual } | Should -BeNullOrEmpty
        Get-StoreLeftover $root | Should -BeNullOrEmpty
    }

    It 'reads a gzip-compressed archive, and -Reference renames the image' {
        $archive = New-ArchivePath 'busybox.tar'
        Export-Image $Busybox.reference -Root $Source -Path $archive -ErrorAction Stop
        & gzip -9 $archive
        $LASTEXITCODE | Should -Be 0
        $root = New-ThrowawayRoot
        $image = Import-Image "$archive.gz" -Root $root -Reference localhost/renamed:2 -ErrorAction Stop
        $image.Id | Should -Be $Busybox.configDigest
        (Get-Image -Root $root).Names | Should -Be @('localhost/renamed:2')
    }
}

Describe 'Import-Image of hostile archives' {
    BeforeAll {
        $script:Good = New-ArchivePath 'good.tar'
        Export-Image $Busybox.reference -Root $Source -Path $Good -ErrorAction Stop
        $script:GoodDirectory = New-Item -ItemType Directory (Join-Path $TestDrive 'good-extracted')
        & tar -xf $Good -C $GoodDirectory
        $script:GoodManifest = Get-Content -Raw (Join-Path $GoodDirectory 'manifest.json')
        $script:ConfigPath = ($GoodManifest | ConvertFrom-Json)[0].Config
        $script:LayerPath = ($GoodManifest | ConvertFrom-Json)[0].Layers[0]
        $script:ConfigBytes = [IO.File]::ReadAllBytes((Join-Path $GoodDirectory $ConfigPath))
        $script:LayerBytes = [IO.File]::ReadAllBytes((Join-Path $GoodDirectory $LayerPath))
    }

    It 'refuses <Case> with <ErrorId>, writing nothing outside the store and no blob' -ForEach @(
        @{ Case = 'an entry named ../x'; ErrorId = 'ArchiveEntryUnsafe'; Entries = { @((File '../escaped' (Utf8 'x'))) } }
        @{ Case = 'an absolute entry name'; ErrorId = 'ArchiveEntryUnsafe'; Entries = { @((File '/tmp/escaped' (Utf8 'x'))) } }
        @{ Case = 'a symlink leading outside'; ErrorId = 'ArchiveEntryUnsafe'; Entries = {
                @(@{ Type = [System.Formats.Tar.TarEntryType]::SymbolicLink; Name = 'manifest.json'; Link = '../../../etc/passwd' }) } }
        @{ Case = 'a hard link leading outside'; ErrorId = 'ArchiveEntryUnsafe'; Entries = {
                @(@{ Type = [System.Formats.Tar.TarEntryType]::HardLink; Name = 'manifest.json'; Link = '../outside' }) } }
        @{ Case = 'a duplicate entry'; ErrorId = 'ArchiveInvalid'; Entries = { @((File 'manifest.json' (Utf8 $GoodManifest)), (File 'manifest.json' (Utf8 '[]'))) } }
        @{ Case = 'manifest.json pointing outside'; ErrorId = 'ArchiveEntryUnsafe'; Entries = {
                @((File 'manifest.json' (Utf8 '[{"Config":"../../etc/passwd","Layers":[]}]'))) } }
        @{ Case = 'a layer that does not hash to its DiffID'; ErrorId = 'ArchiveDigestMismatch'; Entries = {
                $tampered = [byte[]]$LayerBytes.Clone(); $tampered[600] = $tampered[600] -bxor 0xff
                @((File $ConfigPath $ConfigBytes), (File $LayerPath $tampered), (File 'manifest.json' (Utf8 $GoodManifest))) } }
        @{ Case = 'a missing layer'; ErrorId = 'ArchiveInvalid'; Entries = { @((File $ConfigPath $ConfigBytes), (File 'manifest.json' (Utf8 $GoodManifest))) } }
        @{ Case = 'a device node'; ErrorId = 'ArchiveEntryUnsafe'; Entries = {
                @(@{ Type = [System.Formats.Tar.TarEntryType]::CharacterDevice; Name = 'dev' }) } }
    ) {
        $root = New-ThrowawayRoot
        $null = Import-Image $Good -Root $root -ErrorAction Stop # a store that already has blobs of its own
        $before = Get-StoreState $root
        $directory = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid().ToString('n')))
        $nested = New-Item -ItemType Directory (Join-Path $directory 'a/b')
        $archive = Join-Path $nested 'hostile.tar'
        New-HostileTar $archive (& $Entries)
        { Import-Image $archive -Root $root -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        (Get-StoreState $root | ConvertTo-Json) | Should -Be ($before | ConvertTo-Json)
        @(Get-ChildItem -Recurse -Force $directory | ForEach-Object Name | Sort-Object) | Should -Be @('a', 'b', 'hostile.tar')
        Test-Path /tmp/escaped | Should -BeFalse
        Get-StoreStrayEntry $root | Should -BeNullOrEmpty
    }

    It 'refuses a file that is no tar with ArchiveInvalid' {
        $archive = New-ArchivePath 'garbage.tar'
        [IO.File]::WriteAllBytes($archive, [byte[]](1..2000 | ForEach-Object { 7 }))
        $root = New-ThrowawayRoot
        { Import-Image $archive -Root $root -ErrorAction Stop } | Should -Throw -ErrorId 'ArchiveInvalid,*'
        Get-StoreLeftover $root | Should -BeNullOrEmpty
    }
}

Describe 'Import-Image -RootFsPath' {
    BeforeAll {
        $script:tarballForErrors = New-ArchivePath 'plain.tar'
        & tar -C $TestDrive -cf $tarballForErrors --files-from /dev/null
    }

    It 'makes a one-layer image for this host of a gzip-compressed root filesystem, which runs' {
        $rootfs = New-Item -ItemType Directory (Join-Path $TestDrive 'rootfs/bin') -Force
        Copy-Item (Get-Command busybox).Source (Join-Path $rootfs 'busybox')
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $rootfs 'sh') -Target busybox
        $tarball = New-ArchivePath 'rootfs.tar.gz'
        & tar -C (Join-Path $TestDrive 'rootfs') -czf $tarball .
        $LASTEXITCODE | Should -Be 0
        $root = New-ThrowawayRoot
        $changes = 'CMD ["/bin/busybox", "sh", "-c", "echo $GREETING from $PWD"]', 'ENV GREETING=imported-rootfs', 'WORKDIR /bin', 'LABEL stage=test'
        $image = Import-Image -RootFsPath $tarball -Reference localhost/rootfs:1 -Change $changes -Message 'from a test' -Root $root -ErrorAction Stop
        $image.Reference | Should -Be 'localhost/rootfs:1'
        $image.Layers.Count | Should -Be 1
        $image.Platform | Should -BeLike 'linux/*'
        $image.History[-1].Comment | Should -Be 'from a test'
        & sh -c "gzip -dc '$tarball' > '$TestDrive/rootfs.tar'"
        $image.Layers[0].DiffId | Should -Be (Get-Sha256Digest (Join-Path $TestDrive 'rootfs.tar'))
        $image.Config.Labels['stage'] | Should -Be 'test'
        $output = Start-Container -Image localhost/rootfs:1 -Root $root -Network None -Wait -AutoRemove -PullPolicy Never -ErrorAction Stop
        $output | Should -Contain 'imported-rootfs from /bin'
    }

    It 'refuses a -Change it does not know with InvalidChange and stores no image' {
        $root = New-ThrowawayRoot
        { Import-Image -RootFsPath $tarballForErrors -Reference localhost/bad:1 -Change 'RUN echo no' -Root $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidChange,*'
        @(Get-Image -Root $root -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }
}
