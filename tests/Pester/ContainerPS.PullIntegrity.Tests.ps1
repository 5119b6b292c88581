# What a pull leaves on disk, checked with the real registry and independent tools: the rootfs ContainerPS unpacks
# equals umoci's, the store is an OCI image layout skopeo and umoci read, two processes can pull into one store at
# once, a pull killed with SIGKILL resumes, a corrupt layer leaves earlier images whole, and hostile layers write
# nothing outside the store. Needs root (overlayfs mounts) and the test setup of build.ps1 Test, which sets
# CONTAINERPS_TEST_REGISTRY, CONTAINERPS_TEST_IMAGES and CONTAINERPS_TEST_REGISTRY_ACCESS_LOG (tests/fixtures/README.md).
# Helpers: TestHelpers.psm1 beside this file.

BeforeDiscovery {
    $catalogPath = $env:CONTAINERPS_TEST_IMAGES
    $catalog = if ($catalogPath -and (Test-Path $catalogPath)) { (Get-Content -Raw $catalogPath | ConvertFrom-Json).images } else { @() }
    $script:HostileImages = @($catalog | Where-Object name -like 'hostile-*' | ForEach-Object { @{ Name = $_.name; Reference = $_.reference } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop

    if (-not $env:CONTAINERPS_TEST_REGISTRY -or -not $env:CONTAINERPS_TEST_IMAGES -or -not $env:CONTAINERPS_TEST_REGISTRY_ACCESS_LOG) {
        throw 'CONTAINERPS_TEST_REGISTRY, CONTAINERPS_TEST_IMAGES and CONTAINERPS_TEST_REGISTRY_ACCESS_LOG are not set: run these tests through build.ps1 Test.'
    }
    $script:Catalog = (Get-Content -Raw $env:CONTAINERPS_TEST_IMAGES | ConvertFrom-Json).images

    function New-ThrowawayRoot { Join-Path $TestDrive ([guid]::NewGuid().ToString('n')) }

    function Get-CatalogImage([string] $Name) {
        $image = $Catalog | Where-Object name -eq $Name
        if (-not $image) { throw "images.json has no image named '$Name'." }
        $image
    }

    # Every blob a pull of the image must store: layers, config, manifest (and the index of a multi-platform image).
    function Get-ImageBlobDigest($Image) {
        @($Image.layerDigests) + $Image.configDigest + $Image.manifestDigest + @($Image.indexDigest | Where-Object { $_ })
    }
}

AfterAll {
    Remove-Module ContainerPS, TestHelpers -ErrorAction SilentlyContinue
}

Describe 'The merged rootfs of <Name> equals what umoci unpacks from the fixture layout' -ForEach @(
    @{ Name = 'multilayer-oci' }
    @{ Name = 'multilayer-docker' }
) {
    BeforeAll {
        $expected = Get-CatalogImage $Name
        $script:Root = New-ThrowawayRoot
        Request-Image $expected.reference -Root $Root -ErrorAction Stop
        $script:Image = Get-Image $expected.reference -Root $Root -ErrorAction Stop
        $script:ExpectedLayerCount = $expected.layerDigests.Count

        # umoci writes config.json, umoci.json and an .mtree file beside rootfs/; only rootfs/ is compared.
        $bundle = Join-Path $TestDrive "umoci-$Name"
        $null = Invoke-Tool umoci unpack --image "$($expected.layoutPath):$($expected.layoutTag)" $bundle
        $script:Theirs = @(Get-TreeManifest "$bundle/rootfs")
        $script:TheirHardlinks = Get-HardlinkGroup "$bundle/rootfs"
        $script:TheirRoot = Invoke-Tool stat -c '%F %a %u:%g' "$bundle/rootfs"

        $merged = Join-Path $TestDrive "merged-$Name"
        Mount-ReadOnlyOverlay -LowerDirectories $Image.Layers.SnapshotPath -Target $merged
        try {
            $script:Ours = @(Get-TreeManifest $merged)
            $script:OurHardlinks = Get-HardlinkGroup $merged
            $script:OurRoot = Invoke-Tool stat -c '%F %a %u:%g' $merged
        }
        finally { Dismount-Overlay $merged }
    }

    It 'has a snapshot for every layer' {
        $Image.Layers.Count | Should -Be $ExpectedLayerCount
        foreach ($layer in $Image.Layers) {
            $layer.SnapshotPath | Should -Be (Join-Path (Get-SnapshotDirectory $Root $layer.ChainId) 'fs')
            Test-Path -LiteralPath $layer.SnapshotPath -PathType Container | Should -BeTrue
        }
    }

    It 'has the same paths' {
        $Theirs.Count | Should -BeGreaterThan 30 -Because 'the fixture has the busybox base and the data tree'
        $differences = Compare-Object @($Ours.Path) @($Theirs.Path) -CaseSensitive | ForEach-Object {
            "$($_.InputObject) only in $(if ($_.SideIndicator -eq '<=') { 'ContainerPS' } else { 'umoci' })"
        }
        $differences | Should -BeNullOrEmpty
    }

    It 'gives every entry the same type, mode, owner, link target and device numbers' {
        Compare-TreeEntry $Ours $Theirs -Property Type, Mode, Uid, Gid, LinkTarget, Major, Minor | Should -BeNullOrEmpty
    }

    It 'gives every regular file the same content and size' {
        Compare-TreeEntry $Ours $Theirs -Property Sha256, Size -Where { $_.Type -eq 'file' } | Should -BeNullOrEmpty
    }

    It 'groups hard links the same way' {
        Compare-TreeEntry $Ours $Theirs -Property Links | Should -BeNullOrEmpty
        $TheirHardlinks | Should -Contain 'data/hardlink-a|data/hardlink-b'
        $OurHardlinks | Should -Be $TheirHardlinks
    }

    It 'keeps the modification time of every entry' {
        Compare-TreeEntry $Ours $Theirs -Property ModifiedUnixTime | Should -BeNullOrEmpty
    }

    It 'applies the whiteouts of layer 3 (checked on its own, in case both unpackers were wrong alike)' {
        $Ours.Path | Should -Not -Contain 'data/gone.txt'
        @($Ours | Where-Object Path -like 'data/opq/*').Path | Should -Be @('data/opq/c')
        @($Ours | Where-Object Type -eq 'char') | Should -BeNullOrEmpty -Because 'overlayfs hides whiteout devices'
        ($Ours | Where-Object Path -eq 'data/keep/file').Sha256 |
            Should -Be ([Convert]::ToHexStringLower([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes("version 2`n"))))
    }

    # No layer has an entry for the root itself, so its mode and owner are the unpacker's choice; compare them, but
    # not its mtime, which nothing in the image sets.
    It 'has a root directory with the mode and owner of umoci''s' {
        $OurRoot | Should -Be $TheirRoot
    }
}

Describe 'The store is an OCI image layout that skopeo and umoci read' {
    BeforeAll {
        $script:Root = New-ThrowawayRoot
        Request-Image (Get-CatalogImage 'busybox').reference, (Get-CatalogImage 'multilayer-oci').reference -Root $Root -ErrorAction Stop
    }

    # skopeo splits oci:<path>:<reference> at the first colon after the path, so a full name such as
    # 127.0.0.1:PORT/test/busybox:latest works as the reference while the path has no colon.
    It 'skopeo inspect reads <Name> by its full name, with the registry''s digest and layers' -ForEach @(
        @{ Name = 'busybox' }
        @{ Name = 'multilayer-oci' }
    ) {
        $expected = Get-CatalogImage $Name
        $inspected = Invoke-Tool skopeo inspect "oci:$($Root):$($expected.reference)" | Out-String | ConvertFrom-Json
        $inspected.Digest | Should -Be $expected.manifestDigest
        $inspected.Layers | Should -Be $expected.layerDigests
    }

    It 'skopeo copy, which verifies every blob, copies <Name> into another layout' -ForEach @(
        @{ Name = 'busybox' }
        @{ Name = 'multilayer-oci' }
    ) {
        $expected = Get-CatalogImage $Name
        $copy = Join-Path $TestDrive "copy-$Name"
        $null = Invoke-Tool skopeo copy --quiet "oci:$($Root):$($expected.reference)" "oci:$($copy):x"
        $index = Get-Content -Raw (Join-Path $copy 'index.json') | ConvertFrom-Json
        $index.manifests.digest | Should -Be $expected.manifestDigest
    }

    It 'umoci ls lists every name, slashes and colons included' {
        $names = Invoke-Tool umoci ls --layout $Root
        @($names | Sort-Object) | Should -Be @((Get-CatalogImage 'busybox').reference, (Get-CatalogImage 'multilayer-oci').reference | Sort-Object)
    }

    It 'umoci stat reads the layers of <Name>' -ForEach @(
        @{ Name = 'busybox' }
        @{ Name = 'multilayer-oci' }
    ) {
        $expected = Get-CatalogImage $Name
        $stat = Invoke-Tool umoci stat --image "$($Root):$($expected.reference)" | Out-String
        foreach ($layer in $expected.layerDigests) { $stat | Should -BeLike "*$layer*" }
    }

    It 'umoci unpack of multilayer-oci from the store gives the rootfs it unpacks from the fixture layout' {
        $expected = Get-CatalogImage 'multilayer-oci'
        $fromStore = Join-Path $TestDrive 'from-store'
        $fromFixture = Join-Path $TestDrive 'from-fixture'
        $null = Invoke-Tool umoci unpack --image "$($Root):$($expected.reference)" $fromStore
        $null = Invoke-Tool umoci unpack --image "$($expected.layoutPath):$($expected.layoutTag)" $fromFixture
        $ours = @(Get-TreeManifest "$fromStore/rootfs")
        $theirs = @(Get-TreeManifest "$fromFixture/rootfs")
        $ours.Path | Should -Be $theirs.Path
        Compare-TreeEntry $ours $theirs -Property Type, Mode, Uid, Gid, LinkTarget, Size, Sha256, Links, ModifiedUnixTime | Should -BeNullOrEmpty
    }
}

Describe 'Two pwsh processes pulling <Name> into one empty root at once' -ForEach @(
    @{ Name = 'multilayer-oci' }
    @{ Name = 'manyfiles' }
) {
    BeforeAll {
        $script:Expected = Get-CatalogImage $Name
        $script:Root = New-ThrowawayRoot
        $work = New-Item -ItemType Directory -Path (Join-Path $TestDrive "concurrent-$Name")
        $go = Join-Path $work 'go'
        # Each child imports the module, says it is ready, and waits for the go file: both pulls start together.
        $script:Children = foreach ($number in 1, 2) {
            $errorLog = Join-Path $work "child-$number.log"
            $ready = Join-Path $work "ready-$number"
            [pscustomobject]@{
                ErrorLog = $errorLog; Ready = $ready
                Process  = Start-PullProcess -Reference $Expected.reference -Root $Root -ErrorLog $errorLog -ReadyFile $ready -GoFile $go
            }
        }
        try {
            $null = Wait-Condition { @($Children | Where-Object { -not (Test-Path $_.Ready) -and -not $_.Process.HasExited }).Count -eq 0 }
            $null = New-Item -ItemType File -Path $go
            foreach ($child in $Children) { $null = $child.Process.WaitForExit(600000) }
        }
        finally {
            foreach ($child in $Children) { if (-not $child.Process.HasExited) { $child.Process.Kill(); $child.Process.WaitForExit() } }
        }
    }

    It 'lets both processes succeed' {
        foreach ($child in $Children) {
            $child.Process.ExitCode | Should -Be 0 -Because (Get-ChildError $child.ErrorLog)
        }
    }

    It 'stores every blob of the image exactly once, each hashing to its name' {
        $blobs = @(Get-StoreBlob $Root)
        @($blobs.Name | Sort-Object) | Should -Be @(Get-ImageBlobDigest $Expected | ForEach-Object { Get-DigestHex $_ } | Sort-Object -Unique)
        $blobs | Where-Object { $_.Claimed -ne $_.Actual } | Should -BeNullOrEmpty
    }

    It 'has one committed snapshot per layer and nothing half-done' {
        $chainIds = Get-ChainId $Expected.diffIds | ForEach-Object { Get-DigestHex $_ }
        @((Get-ChildItem -Force -LiteralPath (Join-Path $Root 'snapshots')).Name | Sort-Object) | Should -Be @($chainIds | Sort-Object)
        Get-StoreLeftover $Root | Should -BeNullOrEmpty
        Get-StoreStrayEntry $Root | Should -BeNullOrEmpty
    }

    It 'lists the image once, under its name' {
        $images = @(Get-Image -Root $Root)
        $images.Count | Should -Be 1
        $images[0].Id | Should -Be $Expected.configDigest
        $images[0].Names | Should -Be @($Expected.reference)
    }
}

Describe 'A pull killed with SIGKILL in the middle of a layer' {
    BeforeAll {
        $script:Expected = Get-CatalogImage 'manyfiles'
        $script:BigLayer = $Expected.layerDigests[1]
        $manifestPath = Join-Path $Expected.layoutPath "blobs/sha256/$(Get-DigestHex $Expected.manifestDigest)"
        $script:BigLayerSize = (Get-Content -Raw $manifestPath | ConvertFrom-Json).layers[1].size

        # Kill the child as soon as part of the big layer is on disk. The pull may win the race and finish first
        # (or have downloaded the whole blob); then try again with a fresh root.
        $script:Killed = $null
        foreach ($attempt in 1..5) {
            $root = New-ThrowawayRoot
            $partial = Join-Path $root "ingest/$(Get-DigestHex $BigLayer).partial"
            $errorLog = Join-Path $TestDrive "killed-$attempt.log"
            $child = Start-PullProcess -Reference $Expected.reference -Root $root -ErrorLog $errorLog
            try {
                $null = Wait-Condition -IntervalMilliseconds 2 {
                    $child.HasExited -or ((Test-Path -LiteralPath $partial) -and (Get-Item -LiteralPath $partial).Length -gt 0)
                }
            }
            finally {
                $child.Kill() # SIGKILL on Linux; nothing happens when the child has already exited
                $child.WaitForExit()
            }
            $partialSize = if (Test-Path -LiteralPath $partial) { (Get-Item -LiteralPath $partial).Length } else { 0 }
            # 137 = 128 + SIGKILL (9): .NET's exit code for a process the signal ended.
            if ($child.ExitCode -eq 137 -and $partialSize -gt 0 -and $partialSize -lt $BigLayerSize) {
                $script:Killed = [pscustomobject]@{ Root = $root; ExitCode = $child.ExitCode; PartialSize = $partialSize }
                break
            }
            $why = if ($child.ExitCode -in 0, 137) { '' } else { ": $(Get-ChildError $errorLog)" }
            Write-Host "Attempt $attempt did not catch the pull mid-layer (exit $($child.ExitCode), $partialSize of $BigLayerSize bytes$why); retrying."
        }
        if (-not $Killed) { throw 'No pull of test/manyfiles could be killed in the middle of its big layer in 5 attempts.' }

        $script:Root = $Killed.Root
        $script:ImagesAfterKill = @(Get-Image -Root $Root)
        $script:BlobStoredAfterKill = Test-Path -LiteralPath (Get-StoreBlobPath $Root $BigLayer)

        # A resumed download is a GET with Range that the registry answers 206 (distribution-spec spec.md, "Pulling blobs").
        $accessLog = $env:CONTAINERPS_TEST_REGISTRY_ACCESS_LOG
        $rangeLine = "`"GET /v2/$($Expected.repository)/blobs/$BigLayer HTTP/1.1`" 206 "
        $countRangeRequests = { @(Select-String -LiteralPath $accessLog -SimpleMatch $rangeLine).Count }
        $rangeRequestsBefore = & $countRangeRequests
        Request-Image $Expected.reference -Root $Root -ErrorVariable pullErrors -ErrorAction SilentlyContinue
        $script:SecondPullErrors = $pullErrors
        # The registry logs a request when it has sent the response, which may be just after the client has read it.
        $script:ResumedWithRange = Wait-Condition -TimeoutSeconds 10 { (& $countRangeRequests) -gt $rangeRequestsBefore }
    }

    It 'was killed by SIGKILL with part of the big layer downloaded' {
        $Killed.ExitCode | Should -Be 137
        $Killed.PartialSize | Should -BeGreaterThan 0
        $Killed.PartialSize | Should -BeLessThan $BigLayerSize
    }

    It 'left no image listed and the big layer not stored' {
        $ImagesAfterKill | Should -BeNullOrEmpty
        $BlobStoredAfterKill | Should -BeFalse
    }

    It 'pulls again without error, resuming the partial download with a Range request' {
        $SecondPullErrors | Should -BeNullOrEmpty
        $ResumedWithRange | Should -BeTrue -Because 'the registry access log should show a 206 answer for the big layer'
    }

    It 'then lists the image, with every blob hashing to its name' {
        (Get-Image $Expected.reference -Root $Root -ErrorAction Stop).Id | Should -Be $Expected.configDigest
        $blobs = @(Get-StoreBlob $Root)
        @($blobs.Name | Sort-Object) | Should -Be @(Get-ImageBlobDigest $Expected | ForEach-Object { Get-DigestHex $_ } | Sort-Object)
        $blobs | Where-Object { $_.Claimed -ne $_.Actual } | Should -BeNullOrEmpty
    }

    It 'leaves no partial download or unfinished snapshot behind' {
        Get-StoreLeftover $Root | Should -BeNullOrEmpty
        Get-StoreStrayEntry $Root | Should -BeNullOrEmpty
    }

    It 'unpacks all 30,000 files of the big layer' {
        $snapshot = (Get-Image $Expected.reference -Root $Root -ErrorAction Stop).Layers[1].SnapshotPath
        $files = [IO.Directory]::EnumerateFiles((Join-Path $snapshot 'many'), '*', [IO.SearchOption]::AllDirectories)
        [Linq.Enumerable]::Count($files) | Should -Be 30000
    }
}

Describe 'A corrupt layer after an earlier pull' {
    BeforeAll {
        $script:Busybox = Get-CatalogImage 'busybox'
        $script:Corrupt = Get-CatalogImage 'corrupt'
        $Corrupt.layerDigests[0] | Should -Be $Busybox.layerDigests[0] -Because 'the corrupt image shares the busybox base layer'
        $script:Root = New-ThrowawayRoot
        Request-Image $Busybox.reference -Root $Root -ErrorAction Stop
        $script:SnapshotsBefore = (Get-Image $Busybox.reference -Root $Root -ErrorAction Stop).Layers.SnapshotPath
        Request-Image $Corrupt.reference -Root $Root -ErrorVariable pullErrors -ErrorAction SilentlyContinue
        $script:CorruptErrors = $pullErrors
    }

    It 'fails with BlobDigestMismatch' {
        $CorruptErrors.Count | Should -Be 1
        $CorruptErrors[0].FullyQualifiedErrorId | Should -BeLike 'BlobDigestMismatch,*'
    }

    It 'keeps busybox listed, with every blob of it hashing to its name' {
        (Get-Image -Root $Root).Id | Should -Be @($Busybox.configDigest)
        foreach ($digest in Get-ImageBlobDigest $Busybox) {
            $path = Get-StoreBlobPath $Root $digest
            Test-Path -LiteralPath $path | Should -BeTrue -Because "$digest belongs to busybox"
            Get-Sha256Digest $path | Should -Be $digest
        }
    }

    It 'keeps the snapshot of busybox''s layer, which the corrupt image shares' {
        $after = (Get-Image $Busybox.reference -Root $Root -ErrorAction Stop).Layers.SnapshotPath
        $after | Should -Be $SnapshotsBefore
        foreach ($path in $after) {
            Test-Path -LiteralPath $path -PathType Container | Should -BeTrue
            Test-Path -LiteralPath (Join-Path $path 'bin/busybox') | Should -BeTrue
        }
    }

    It 'keeps nothing of the corrupt layer: no blob, no partial download, no snapshot' {
        $corruptLayer = $Corrupt.layerDigests[1]
        $corruptChainId = (Get-ChainId $Corrupt.diffIds)[1]
        Test-Path -LiteralPath (Get-StoreBlobPath $Root $corruptLayer) | Should -BeFalse
        Test-Path -LiteralPath (Join-Path $Root "ingest/$(Get-DigestHex $corruptLayer).partial") | Should -BeFalse
        Test-Path -LiteralPath (Get-SnapshotDirectory $Root $corruptChainId) | Should -BeFalse
        Get-StoreLeftover $Root | Should -BeNullOrEmpty
        Get-StoreStrayEntry $Root | Should -BeNullOrEmpty
    }

    It 'stores neither the config nor the manifest of the corrupt image' {
        Test-Path -LiteralPath (Get-StoreBlobPath $Root $Corrupt.configDigest) | Should -BeFalse
        Test-Path -LiteralPath (Get-StoreBlobPath $Root $Corrupt.manifestDigest) | Should -BeFalse
    }
}

Describe 'Pulling the hostile image <Name> writes nothing outside the store' -ForEach $HostileImages {
    BeforeAll {
        # The store sits alone in this block's TestDrive. Sentinels wait where escaping entries would land if they
        # were resolved naively from a snapshot (<store>/snapshots/<dir>/fs): ../../../../etc/passwd is
        # TestDrive/etc/passwd. The host's /etc is the target of the symlink and chmod cases.
        $script:Root = Join-Path $TestDrive 'store'
        $null = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'etc')
        Set-Content -LiteralPath (Join-Path $TestDrive 'etc/passwd') -Value 'sentinel'
        Set-Content -LiteralPath (Join-Path $TestDrive 'escape.txt') -Value 'sentinel'
        $outsideStore = { Get-TreeManifest $TestDrive | Where-Object { $_.Path -ne 'store' -and -not $_.Path.StartsWith('store/') } }

        $script:AroundBefore = @(& $outsideStore)
        $script:EtcBefore = @(Get-TreeManifest '/etc')
        Request-Image $Reference -Root $Root -ErrorAction SilentlyContinue
        $script:AroundAfter = @(& $outsideStore)
        $script:EtcAfter = @(Get-TreeManifest '/etc')
        $script:AllProperties = 'Path', 'Type', 'Mode', 'Uid', 'Gid', 'LinkTarget', 'Size', 'Sha256', 'Links', 'ModifiedUnixTime', 'Major', 'Minor'
    }

    It 'leaves the host''s /etc as it was' {
        $EtcAfter.Count | Should -Be $EtcBefore.Count
        Compare-Object $EtcBefore $EtcAfter -Property $AllProperties | Should -BeNullOrEmpty
        ($EtcAfter | Where-Object Path -eq 'passwd').Mode | Should -Be '0644'
    }

    It 'leaves the directory around the store, sentinels included, as it was' {
        $AroundBefore.Count | Should -Be 3
        Compare-Object $AroundBefore $AroundAfter -Property $AllProperties | Should -BeNullOrEmpty
    }

    It 'writes inside the store only where the layout puts things' {
        Get-StoreStrayEntry $Root | Should -BeNullOrEmpty
        Get-ChildItem -Force -LiteralPath (Join-Path $Root 'snapshots') -Filter '.tmp-*' | Should -BeNullOrEmpty
    }

    # When the hostile layer is refused, the pull is cancelled; a partial download of the base layer, fetched at
    # the same time, may stay behind for the next pull to resume. It must be a true prefix of that blob. The
    # refused layer itself must leave nothing.
    It 'keeps no partial download of the hostile layer, and only true prefixes of other layers' {
        $image = Get-CatalogImage $Name
        foreach ($partial in Get-IngestPartial $Root) {
            $digest = 'sha256:' + $partial.Name.Replace('.partial', '')
            $digest | Should -Not -Be $image.layerDigests[-1] -Because 'refused content is never kept'
            $image.layerDigests | Should -Contain $digest
            Test-PartialIsPrefix $partial.FullName (Get-StoreBlobPath $image.layoutPath $digest) | Should -BeTrue
        }
    }
}
