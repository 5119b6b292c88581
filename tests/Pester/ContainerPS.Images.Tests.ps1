# The image cmdlets against the real CNCF distribution registry on loopback. The test setup (build.ps1 Test)
# starts the registry, pushes the fixture images with skopeo (tests/fixtures/Publish-TestImages.ps1) and sets:
#   $env:CONTAINERPS_TEST_REGISTRY  host:port of that registry
#   $env:CONTAINERPS_TEST_IMAGES    its images.json: { registry, images: [ { name, reference, repository, tag,
#                                   manifestDigest, indexDigest, configDigest, platform, layerDigests, diffIds,
#                                   manifests: [ { platform, manifestDigest, configDigest } ], expectedErrorId } ] }
# Without them these tests fail (they are never skipped): run them through the test setup.

BeforeDiscovery {
    $catalogPath = $env:CONTAINERPS_TEST_IMAGES
    $catalog = if ($catalogPath -and (Test-Path $catalogPath)) { (Get-Content -Raw $catalogPath | ConvertFrom-Json).images } else { @() }
    $script:HostileImages = @($catalog | Where-Object name -like 'hostile-*' | ForEach-Object {
            @{ Name = $_.name; Reference = $_.reference; ExpectedErrorId = $_.expectedErrorId } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop

    if (-not $env:CONTAINERPS_TEST_REGISTRY -or -not $env:CONTAINERPS_TEST_IMAGES) {
        throw 'CONTAINERPS_TEST_REGISTRY and CONTAINERPS_TEST_IMAGES are not set: run these tests through build.ps1 Test.'
    }
    $script:Registry = $env:CONTAINERPS_TEST_REGISTRY
    $script:Catalog = (Get-Content -Raw $env:CONTAINERPS_TEST_IMAGES | ConvertFrom-Json).images

    function New-ThrowawayRoot { Join-Path $TestDrive ([guid]::NewGuid().ToString('n')) }

    function ConvertTo-Literal([string] $Text) { "'" + $Text.Replace("'", "''") + "'" }

    function Get-CatalogImage([string] $Name) {
        $image = $Catalog | Where-Object name -eq $Name
        if (-not $image) { throw "images.json has no image named '$Name'." }
        $image
    }

    # The manifest as the registry serves it (distribution-spec spec.md, "Pulling manifests"), for sizes.
    function Get-RegistryManifest([string] $Repository, [string] $Digest) {
        $accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
        Invoke-RestMethod -Uri "http://$Registry/v2/$Repository/manifests/$Digest" -Headers @{ Accept = $accept }
    }

    # Blob files named by their hex digest, wherever the store keeps its OCI layout under the root.
    function Test-StoreBlob([string] $Root, [string] $Digest) {
        $hex = $Digest.Substring('sha256:'.Length)
        [bool](Get-ChildItem -LiteralPath $Root -Recurse -File -Filter $hex -ErrorAction SilentlyContinue)
    }

    function Get-UnusedLoopbackPort {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { ([Net.IPEndPoint]$listener.LocalEndpoint).Port } finally { $listener.Stop() }
    }

    $script:HostPlatform = switch ([Runtime.InteropServices.RuntimeInformation]::OSArchitecture) {
        'X64' { 'linux/amd64' }
        'Arm64' { 'linux/arm64/v8' }
        default { throw "No fixture platform for $_" }
    }
}

AfterAll {
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'The test catalog' {
    It 'lists the images these tests pull, including hostile ones' {
        foreach ($name in 'busybox', 'multilayer-oci', 'multilayer-docker', 'multiarch', 'corrupt') {
            $Catalog.name | Should -Contain $name
        }
        $HostileImages.Count | Should -BeGreaterThan 0
    }
}

Describe 'Request-Image pulls <Name> and Get-Image reports what the registry holds' -ForEach @(
    @{ Name = 'multilayer-oci' }
    @{ Name = 'multilayer-docker' }
) {
    BeforeAll {
        $script:Root = New-ThrowawayRoot
        $script:Expected = Get-CatalogImage $Name
        $script:Pulled = Request-Image $Expected.reference -Root $Root -PassThru -ErrorAction Stop
        $script:Image = Get-Image $Expected.reference -Root $Root -ErrorAction Stop
    }

    It 'writes one ContainerPS.Image with -PassThru, the same image Get-Image finds' {
        @($Pulled).Count | Should -Be 1
        $Pulled.PSTypeNames | Should -Contain 'ContainerPS.Image'
        $Image.Id | Should -Be $Pulled.Id
    }

    It 'has the config digest as id and the registry manifest digest' {
        $Image.Id | Should -Be $Expected.configDigest
        $Image.ShortId | Should -Be $Expected.configDigest.Substring(7, 12)
        $Image.ManifestDigest | Should -Be $Expected.manifestDigest
        $Image.Digest | Should -Be $Expected.manifestDigest
    }

    It 'is named by its reference, familiar repository and tag' {
        $Image.Names | Should -Contain $Expected.reference
        $Image.Reference | Should -Be $Expected.reference
        $Image.Repository | Should -Be "$Registry/$($Expected.repository)"
        $Image.Tag | Should -Be $Expected.tag
    }

    It 'has the layers in manifest order with their digests, diff ids and sizes' {
        $Image.Layers.Digest | Should -Be $Expected.layerDigests
        $Image.Layers.DiffId | Should -Be $Expected.diffIds
        $manifest = Get-RegistryManifest $Expected.repository $Expected.manifestDigest
        $Image.Layers.Size | Should -Be @($manifest.layers.size)
        $Image.Size | Should -Be ($manifest.config.size + ($manifest.layers.size | Measure-Object -Sum).Sum)
    }

    It 'has the platform, config and history of the image' {
        $Image.Platform | Should -Be $Expected.platform
        $Image.Os | Should -Be 'linux'
        $Image.Created | Should -BeOfType [datetime]
        @($Image.History).Count | Should -BeGreaterThan 0
        $Image.Config | Should -Not -BeNullOrEmpty
    }
}

Describe 'Request-Image of a multi-platform image' {
    BeforeAll {
        $script:Multiarch = Get-CatalogImage 'multiarch'
    }

    It 'selects <Selection>' -ForEach @(
        @{ Platform = $null; Selection = "this host's platform without -Platform" }
        @{ Platform = 'linux/arm64/v8'; Selection = 'linux/arm64/v8 with -Platform' }
    ) {
        $root = New-ThrowawayRoot
        $want = if ($Platform) { $Platform } else { $HostPlatform }
        $child = $Multiarch.manifests | Where-Object platform -eq $want
        $parameters = @{ Root = $root; ErrorAction = 'Stop' }
        if ($Platform) { $parameters.Platform = $Platform }

        Request-Image $Multiarch.reference @parameters
        $image = Get-Image $Multiarch.reference -Root $root -ErrorAction Stop

        $image.Platform | Should -Be $want
        $image.Id | Should -Be $child.configDigest
        $image.ManifestDigest | Should -Be $child.manifestDigest
        $image.Digest | Should -Be $Multiarch.indexDigest
    }

    It 'writes InvalidPlatform and pulls nothing for a malformed -Platform' {
        $root = New-ThrowawayRoot
        { Request-Image $Multiarch.reference -Platform 'arm64' -Root $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidPlatform,*'
    }
}

Describe 'Get-Image with names, ids and wildcards' {
    BeforeAll {
        $script:Root = New-ThrowawayRoot
        $script:Busybox = Get-CatalogImage 'busybox'
        $script:Multilayer = Get-CatalogImage 'multilayer-oci'
        Request-Image $Busybox.reference, $Multilayer.reference -Root $Root -ErrorAction Stop
    }

    It 'gets every image without arguments' {
        (Get-Image -Root $Root).Id | Sort-Object | Should -Be (@($Busybox.configDigest, $Multilayer.configDigest) | Sort-Object)
    }

    It 'matches <Pattern> to <Expect>' -ForEach @(
        @{ Pattern = '*multilayer*'; Expect = 'multilayer-oci' }
        @{ Pattern = '*/test/busy*:latest'; Expect = 'busybox' }
        @{ Pattern = '*:oci'; Expect = 'multilayer-oci' }
    ) {
        $images = @(Get-Image $Pattern -Root $Root -ErrorAction Stop)
        $images.Count | Should -Be 1
        $images[0].Id | Should -Be (Get-CatalogImage $Expect).configDigest
    }

    It 'matches the id with a wildcard, a prefix, and sha256:' {
        $hex = $Busybox.configDigest.Substring(7)
        (Get-Image "$($hex.Substring(0, 6))*" -Root $Root).Id | Should -Be $Busybox.configDigest
        (Get-Image $hex.Substring(0, 12) -Root $Root -ErrorAction Stop).Id | Should -Be $Busybox.configDigest
        (Get-Image $Busybox.configDigest -Root $Root -ErrorAction Stop).Id | Should -Be $Busybox.configDigest
        (Get-Image -Id $hex.Substring(0, 8) -Root $Root -ErrorAction Stop).Id | Should -Be $Busybox.configDigest
    }

    It 'writes an image once however many patterns match it' {
        @(Get-Image '*busybox*', '*:latest', $Busybox.reference -Root $Root).Count | Should -Be 1
    }

    It 'binds images from the pipeline by their Id' {
        (Get-Image $Busybox.reference -Root $Root | Get-Image -Root $Root).Id | Should -Be $Busybox.configDigest
    }

    It 'writes ImageNotFound for a literal name that is not in the store, and nothing for an unmatched wildcard' {
        Get-Image "$Registry/test/absent:1" -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        Get-Image '*absent*' -Root $Root -ErrorVariable none | Should -BeNullOrEmpty
        $none | Should -BeNullOrEmpty
    }

    It 'completes -Reference with the local names' {
        $line = "Get-Image -Root '$Root' -Reference $Registry/test/mul"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be $Multilayer.reference
    }
}

Describe 'Add-ImageTag and Remove-ImageTag' {
    BeforeEach {
        $script:Root = New-ThrowawayRoot
        $script:Busybox = Get-CatalogImage 'busybox'
        Request-Image $Busybox.reference -Root $Root -ErrorAction Stop
    }

    It 'adds a name that Get-Image then finds, and -PassThru writes the updated image' {
        $tagged = Add-ImageTag $Busybox.reference 'mybox:stable' -Root $Root -PassThru -ErrorAction Stop
        $tagged.Names.Count | Should -Be 2
        $tagged.Names | Should -Contain $Busybox.reference
        (Get-Image 'mybox:stable' -Root $Root -ErrorAction Stop).Id | Should -Be $Busybox.configDigest
    }

    It 'tags an image piped from Get-Image' {
        Get-Image $Busybox.reference -Root $Root | Add-ImageTag -NewReference "$Registry/team/app:1" -Root $Root -ErrorAction Stop
        (Get-Image "$Registry/team/app:1" -Root $Root -ErrorAction Stop).Id | Should -Be $Busybox.configDigest
    }

    It 'writes InvalidReference for a bad new name' {
        Add-ImageTag $Busybox.reference 'Not Valid' -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidReference,*'
    }

    It 'does not tag under -WhatIf' {
        Add-ImageTag $Busybox.reference 'mybox:whatif' -Root $Root -WhatIf
        Get-Image 'mybox:whatif' -Root $Root -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'removes one name and keeps the image under its other names' {
        Add-ImageTag $Busybox.reference 'mybox:stable' -Root $Root -ErrorAction Stop
        Remove-ImageTag 'mybox:stable' -Root $Root -ErrorAction Stop
        Get-Image 'mybox:stable' -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        (Get-Image $Busybox.reference -Root $Root -ErrorAction Stop).Names | Should -Be @($Busybox.reference)
    }

    It 'removes every name a wildcard matches' {
        Add-ImageTag $Busybox.reference 'mybox:a' -Root $Root -ErrorAction Stop
        Add-ImageTag $Busybox.reference 'mybox:b' -Root $Root -ErrorAction Stop
        Remove-ImageTag 'mybox:*' -Root $Root -ErrorAction Stop
        (Get-Image $Busybox.reference -Root $Root).Names | Should -Be @($Busybox.reference)
    }

    It 'leaves a dangling image when the last name goes, which Remove-Image -Dangling removes' {
        Remove-ImageTag $Busybox.reference -Root $Root -ErrorAction Stop
        $dangling = Get-Image -Dangling -Root $Root
        $dangling.Id | Should -Be $Busybox.configDigest
        $dangling.Reference | Should -BeNullOrEmpty
        Remove-Image -Dangling -Root $Root -Confirm:$false -ErrorAction Stop
        Get-Image -Root $Root | Should -BeNullOrEmpty
    }

    It 'writes ImageNotFound for a name that is not in the store' {
        Remove-ImageTag 'mybox:absent' -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
    }
}

Describe 'Remove-Image' {
    BeforeEach {
        $script:Root = New-ThrowawayRoot
        $script:Busybox = Get-CatalogImage 'busybox'
        $script:Multilayer = Get-CatalogImage 'multilayer-oci'
        Request-Image $Busybox.reference, $Multilayer.reference -Root $Root -ErrorAction Stop
    }

    It 'keeps the image under -WhatIf' {
        Remove-Image $Multilayer.reference -Root $Root -WhatIf
        (Get-Image $Multilayer.reference -Root $Root -ErrorAction Stop).Id | Should -Be $Multilayer.configDigest
    }

    It 'removes the image and the blobs no other image uses, and keeps the shared ones' {
        $shared = $Busybox.layerDigests[0]
        $Multilayer.layerDigests | Should -Contain $shared -Because 'the fixture images share their base layer'
        $own = @($Multilayer.layerDigests | Where-Object { $_ -ne $shared }) + $Multilayer.configDigest + $Multilayer.manifestDigest

        Remove-Image $Multilayer.reference -Root $Root -Confirm:$false -ErrorAction Stop

        Get-Image $Multilayer.reference -Root $Root -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        foreach ($digest in $own) { Test-StoreBlob $Root $digest | Should -BeFalse -Because "$digest belonged only to the removed image" }
        Test-StoreBlob $Root $shared | Should -BeTrue
        Test-StoreBlob $Root $Busybox.configDigest | Should -BeTrue
        (Get-Image $Busybox.reference -Root $Root -ErrorAction Stop).Id | Should -Be $Busybox.configDigest
    }

    It 'removes images piped from Get-Image' {
        Get-Image '*multilayer*' -Root $Root | Remove-Image -Root $Root -Confirm:$false -ErrorAction Stop
        (Get-Image -Root $Root).Id | Should -Be $Busybox.configDigest
    }

    It 'removes an image by id' {
        Remove-Image -Id $Busybox.configDigest.Substring(7, 12) -Root $Root -Confirm:$false -ErrorAction Stop
        (Get-Image -Root $Root).Id | Should -Be $Multilayer.configDigest
    }

    It 'writes ImageNotFound for a literal name that is not in the store and goes on with the next' {
        Remove-Image "$Registry/test/absent:1", $Busybox.reference -Root $Root -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        (Get-Image -Root $Root).Id | Should -Be $Multilayer.configDigest
    }
}

Describe 'One image under two manifests: test/multilayer:oci and :docker share their config' {
    BeforeEach {
        $script:Root = New-ThrowawayRoot
        $script:Oci = Get-CatalogImage 'multilayer-oci'
        $script:Docker = Get-CatalogImage 'multilayer-docker'
        $Oci.configDigest | Should -Be $Docker.configDigest -Because 'the fixture copies one image in two manifest formats'
        Request-Image $Oci.reference, $Docker.reference -Root $Root -ErrorAction Stop
    }

    It 'lists a row per name, each with both names in Names' {
        $rows = @(Get-Image -Root $Root)
        $rows.Reference | Sort-Object | Should -Be (@($Oci.reference, $Docker.reference) | Sort-Object)
        foreach ($row in $rows) {
            $row.Id | Should -Be $Oci.configDigest
            $row.Names | Sort-Object | Should -Be (@($Oci.reference, $Docker.reference) | Sort-Object)
        }
    }

    It 'resolves each name to its own row and manifest' {
        foreach ($expected in $Oci, $Docker) {
            $row = Get-Image $expected.reference -Root $Root -ErrorAction Stop
            @($row).Count | Should -Be 1
            $row.Reference | Should -Be $expected.reference
            $row.Tag | Should -Be $expected.tag
            $row.ManifestDigest | Should -Be $expected.manifestDigest
        }
    }

    It 'gets every row of the image by its short id' {
        (Get-Image $Oci.configDigest.Substring(7, 12) -Root $Root -ErrorAction Stop).Reference | Sort-Object |
            Should -Be (@($Oci.reference, $Docker.reference) | Sort-Object)
        (Get-Image -Id $Oci.configDigest.Substring(7, 12) -Root $Root -ErrorAction Stop).Count | Should -Be 2
    }

    It 'matches a wildcard per name' {
        (Get-Image '*:docker' -Root $Root -ErrorAction Stop).Reference | Should -Be $Docker.reference
    }

    It 'refuses Remove-Image by short id without -Force (ImageHasSeveralNames) and removes it with -Force' {
        Remove-Image $Oci.configDigest.Substring(7, 12) -Root $Root -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageHasSeveralNames,*'
        @(Get-Image -Root $Root).Count | Should -Be 2

        Remove-Image $Oci.configDigest.Substring(7, 12) -Root $Root -Force -Confirm:$false -ErrorAction Stop
        Get-Image -Root $Root | Should -BeNullOrEmpty
        Test-StoreBlob $Root $Oci.configDigest | Should -BeFalse
    }

    It 'keeps the other name, and no nameless entry, after Remove-ImageTag of one' {
        Remove-ImageTag $Oci.reference -Root $Root -ErrorAction Stop
        $rows = @(Get-Image -Root $Root)
        $rows.Count | Should -Be 1
        $rows[0].Reference | Should -Be $Docker.reference
        $rows[0].Names | Should -Be @($Docker.reference)
        Get-Image -Dangling -Root $Root | Should -BeNullOrEmpty
    }

    It 'untags with Remove-Image of one name and removes the image with the last' {
        Remove-Image $Docker.reference -Root $Root -Confirm:$false -ErrorAction Stop
        (Get-Image -Root $Root).Reference | Should -Be $Oci.reference
        Remove-Image $Oci.reference -Root $Root -Confirm:$false -ErrorAction Stop
        Get-Image -Root $Root | Should -BeNullOrEmpty
        Get-Image -Dangling -Root $Root | Should -BeNullOrEmpty
        Test-StoreBlob $Root $Oci.configDigest | Should -BeFalse
    }
}

Describe 'Remove-Image of an image with several names' {
    BeforeEach {
        $script:Root = New-ThrowawayRoot
        $script:Busybox = Get-CatalogImage 'busybox'
        $script:Multilayer = Get-CatalogImage 'multilayer-oci'
        Request-Image $Busybox.reference, $Multilayer.reference -Root $Root -ErrorAction Stop
        Add-ImageTag $Busybox.reference "$Registry/team/box:stable" -Root $Root -ErrorAction Stop
        $script:Alias = "$Registry/team/box:stable"
    }

    It 'untags one name while the image keeps others, as docker rmi of one tag' {
        Remove-Image $Busybox.reference -Root $Root -Confirm:$false -ErrorAction Stop
        $row = Get-Image $Alias -Root $Root -ErrorAction Stop
        $row.Id | Should -Be $Busybox.configDigest
        $row.Names | Should -Be @($Alias)
        Test-StoreBlob $Root $Busybox.configDigest | Should -BeTrue
    }

    It 'removes the image and its own blobs with its last name' {
        Remove-Image $Busybox.reference, $Alias -Root $Root -Confirm:$false -ErrorAction Stop
        (Get-Image -Root $Root).Id | Should -Be $Multilayer.configDigest
        Test-StoreBlob $Root $Busybox.configDigest | Should -BeFalse
    }

    It 'removes piped rows by their own name' {
        Get-Image $Alias -Root $Root | Remove-Image -Root $Root -Confirm:$false -ErrorAction Stop
        (Get-Image $Busybox.reference -Root $Root -ErrorAction Stop).Names | Should -Be @($Busybox.reference)
        Get-Image -Root $Root | Remove-Image -Root $Root -Confirm:$false -ErrorAction Stop
        Get-Image -Root $Root | Should -BeNullOrEmpty
    }

    It 'refuses removal by id without -Force (ImageHasSeveralNames)' {
        Remove-Image -Id $Busybox.configDigest -Root $Root -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageHasSeveralNames,*'
        (Get-Image $Busybox.configDigest -Root $Root).Count | Should -Be 2
    }

    It 'says under -WhatIf which names it untags and which images it removes, and changes nothing' {
        $command = "Import-Module $(ConvertTo-Literal (Join-Path $PSScriptRoot '../../out/ContainerPS')); " +
            "Get-Image -Root $(ConvertTo-Literal $Root) | Remove-Image -Root $(ConvertTo-Literal $Root) -WhatIf"
        # -WhatIf writes to the host, not to a stream: read it from a child pwsh's output (pwsh.dll when run by dotnet).
        $pwsh = @([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
        $lines = @(& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $command) -match '^What if:'
        $busyboxId = $Busybox.configDigest.Substring(7, 12)
        $lines.Count | Should -Be 3
        @($lines -match '"Untag"').Count | Should -Be 1
        @($lines -match '"Remove image"' -match $busyboxId).Count | Should -Be 1
        @($lines -match '"Remove image"' -match $Multilayer.configDigest.Substring(7, 12)).Count | Should -Be 1
        @(Get-Image -Root $Root).Count | Should -Be 3
    }
}

Describe 'A store root that cannot be a store' {
    It '<Command> -Root /proc/self writes StoreRootUnusable' -ForEach @(
        @{ Command = 'Get-Image' }
        @{ Command = 'Get-Container' }
        @{ Command = 'Remove-Image' ; Arguments = @{ Reference = 'busybox'; Confirm = $false } }
    ) {
        $parameters = if ($Arguments) { $Arguments.Clone() } else { @{} }
        { & $Command -Root /proc/self @parameters -ErrorAction Stop } | Should -Throw -ErrorId 'StoreRootUnusable,*'
    }
}

Describe 'Request-Image failures' {
    BeforeEach { $script:Root = New-ThrowawayRoot }

    It 'writes ImageNotFound for an unknown tag' {
        Request-Image "$Registry/test/busybox:no-such-tag" -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'writes BlobDigestMismatch for a corrupt blob, keeps earlier images, and goes on with the next reference' {
        $busybox = Get-CatalogImage 'busybox'
        $corrupt = Get-CatalogImage 'corrupt'
        $multilayer = Get-CatalogImage 'multilayer-oci'

        Request-Image $busybox.reference, $corrupt.reference, $multilayer.reference -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'BlobDigestMismatch,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        (Get-Image -Root $Root).Id | Sort-Object | Should -Be (@($busybox.configDigest, $multilayer.configDigest) | Sort-Object)
        Test-StoreBlob $Root $corrupt.layerDigests[1] | Should -BeFalse -Because 'a blob that fails verification is never committed'
    }

    It 'writes RegistryUnavailable when nothing listens on the registry port' {
        $port = Get-UnusedLoopbackPort
        Request-Image "127.0.0.1:$port/test/busybox:latest" -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'RegistryUnavailable,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'pulls nothing under -WhatIf' {
        Request-Image (Get-CatalogImage 'busybox').reference -Root $Root -WhatIf
        Get-Image -Root $Root -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Request-Image of the hostile image <Name>' -ForEach $HostileImages {
    It 'fails with the error id the fixture expects and keeps no image, or pulls cleanly when none is expected' {
        $root = New-ThrowawayRoot
        Request-Image $Reference -Root $root -ErrorVariable errors -ErrorAction SilentlyContinue
        if ($ExpectedErrorId) {
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike "$ExpectedErrorId,*"
            Get-Image $Reference -Root $root -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        else {
            $errors | Should -BeNullOrEmpty
            (Get-Image $Reference -Root $root -ErrorAction Stop).Names | Should -Contain $Reference
        }
    }
}

Describe 'Find-Image' {
    # Find-Image reads no store, but every cmdlet opens one: keep it away from the default root.
    BeforeEach { $script:Root = New-ThrowawayRoot }

    It 'lists the tags of a repository as ImageTag objects' {
        $tags = Find-Image "$Registry/test/multilayer" -Root $Root -ErrorAction Stop
        $tags.Tag | Sort-Object | Should -Be 'docker', 'oci'
        $tags[0].PSTypeNames | Should -Contain 'ContainerPS.ImageTag'
        $tags.Repository | Select-Object -Unique | Should -Be "$Registry/test/multilayer"
        ($tags | Where-Object Tag -eq 'oci').Reference | Should -Be (Get-CatalogImage 'multilayer-oci').reference
    }

    It 'filters tags with a wildcard' {
        (Find-Image "$Registry/test/multilayer" -Tag 'o*' -Root $Root -ErrorAction Stop).Tag | Should -Be 'oci'
    }

    It 'pipes its tags into Request-Image' {
        Find-Image "$Registry/test/multilayer" -Tag 'oci' -Root $Root | Request-Image -Root $Root -ErrorAction Stop
        (Get-Image -Root $Root).Id | Should -Be (Get-CatalogImage 'multilayer-oci').configDigest
    }

    It 'writes RegistryUnavailable when nothing listens on the registry port' {
        $port = Get-UnusedLoopbackPort
        Find-Image "127.0.0.1:$port/test/busybox" -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'RegistryUnavailable,*'
    }
}
