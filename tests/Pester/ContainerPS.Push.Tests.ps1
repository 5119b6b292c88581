# Publish-Image against the real CNCF distribution registry on loopback (the test setup starts it and sets
# CONTAINERPS_TEST_REGISTRY, CONTAINERPS_TEST_IMAGES and CONTAINERPS_TEST_REGISTRY_ACCESS_LOG; tests/fixtures/README.md),
# with skopeo as the oracle of what the registry then holds. Without them these tests fail (they are never skipped).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    if (-not $env:CONTAINERPS_TEST_REGISTRY -or -not $env:CONTAINERPS_TEST_IMAGES -or -not $env:CONTAINERPS_TEST_REGISTRY_ACCESS_LOG) {
        throw 'CONTAINERPS_TEST_REGISTRY, CONTAINERPS_TEST_IMAGES and CONTAINERPS_TEST_REGISTRY_ACCESS_LOG are not set: run these tests through build.ps1 Test.'
    }
    $script:Registry = $env:CONTAINERPS_TEST_REGISTRY
    $script:Catalog = (Get-Content -Raw $env:CONTAINERPS_TEST_IMAGES | ConvertFrom-Json).images
    $script:Busybox = $Catalog | Where-Object name -eq 'busybox'
    $script:Multilayer = $Catalog | Where-Object name -eq 'multilayer-oci'

    function New-ThrowawayRoot { Join-Path $TestDrive ([guid]::NewGuid().ToString('n')) }

    # A repository no other test has pushed to.
    function New-Destination([string] $Tag = 'v1') { "$Registry/pushed/$([guid]::NewGuid().ToString('n').Substring(0, 12)):$Tag" }

    # What the registry holds under a reference, as skopeo (the oracle) reads it: the manifest's exact bytes.
    function Get-RawManifest([string] $Reference) {
        $raw = skopeo inspect --tls-verify=false --raw "docker://$Reference"
        if ($LASTEXITCODE -ne 0) { throw "skopeo inspect --raw docker://$Reference failed." }
        $raw -join "`n"
    }

    function Test-InRegistry([string] $Reference) {
        skopeo inspect --tls-verify=false --raw "docker://$Reference" *> $null
        $LASTEXITCODE -eq 0
    }

    function Get-StoredBlobText([string] $Root, [string] $Digest) {
        $file = Get-ChildItem -LiteralPath $Root -Recurse -File -Filter $Digest.Substring('sha256:'.Length) | Select-Object -First 1
        [IO.File]::ReadAllText($file.FullName)
    }

    # Lines of the registry's access log since a mark, for the requests a push made.
    function Get-AccessLogSince([int] $Mark) { @(Get-Content -LiteralPath $env:CONTAINERPS_TEST_REGISTRY_ACCESS_LOG | Select-Object -Skip $Mark) }
    function Get-AccessLogMark { @(Get-Content -LiteralPath $env:CONTAINERPS_TEST_REGISTRY_ACCESS_LOG).Count }
}

AfterAll {
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Publish-Image pushes a pulled image to another repository of its registry' {
    BeforeAll {
        $script:Root = New-ThrowawayRoot
        $script:Image = Request-Image $Multilayer.reference -Root $Root -PassThru -ErrorAction Stop
        $script:Destination = New-Destination
        Add-ImageTag $Multilayer.reference $Destination -Root $Root -ErrorAction Stop
        $mark = Get-AccessLogMark
        $script:Result = Publish-Image $Destination -Root $Root -PassThru -ErrorAction Stop
        Start-Sleep -Milliseconds 300 # the registry logs a request just after it has answered it
        $script:Log = Get-AccessLogSince $mark
    }

    It 'gives the registry the manifest bytes that were pulled, so the digest is kept' {
        $Result.Digest | Should -Be $Multilayer.manifestDigest
        Get-RawManifest $Destination | Should -Be (Get-StoredBlobText $Root $Multilayer.manifestDigest)
    }

    It 'mounts every blob from the repository the image was pulled from instead of sending it' {
        $Result.Uploaded | Should -Be 0
        $Result.Mounted | Should -Be ($Multilayer.layerDigests.Count + 1)
        @($Log | Where-Object { $_ -match '"POST /v2/pushed/[^ ]*/blobs/uploads/\?mount=' -and $_ -match " 201 " }).Count | Should -Be $Result.Mounted
        @($Log | Where-Object { $_ -match '"(PUT|PATCH) /v2/pushed/[^ ]*/blobs/uploads/' }).Count | Should -Be 0
    }

    It 'pulls back into an empty store as the same image' {
        $again = Request-Image $Destination -Root (New-ThrowawayRoot) -PassThru -ErrorAction Stop
        $again.Id | Should -Be $Image.Id
        $again.ManifestDigest | Should -Be $Image.ManifestDigest
    }

    It 'sends nothing the second time: every blob is there already' {
        $second = Publish-Image $Destination -Root $Root -PassThru -ErrorAction Stop
        $second.Existing | Should -Be ($Multilayer.layerDigests.Count + 1)
        $second.Uploaded + $second.Mounted | Should -Be 0
    }
}

Describe 'Publish-Image -Destination uploads what the registry has nowhere' {
    BeforeAll {
        # Imported under a name of another registry host (the same registry by its other address), nothing can be mounted.
        $script:Root = New-ThrowawayRoot
        $other = $Registry -replace '^127\.0\.0\.1:', 'localhost:'
        Request-Image ($Busybox.reference -replace [regex]::Escape($Registry), $other) -Root $Root -ErrorAction Stop
        $script:Destination = New-Destination 'stable'
        $script:Result = Get-Image -Root $Root | Publish-Image -Destination $Destination -Root $Root -PassThru -ErrorAction Stop
    }

    It 'uploads the config and every layer' {
        $Result.Uploaded | Should -Be ($Busybox.layerDigests.Count + 1)
        $Result.BytesUploaded | Should -BeGreaterThan 0
        $Result.Reference | Should -Be $Destination
    }

    It 'leaves a manifest skopeo reads with the same config and layers' {
        $manifest = Get-RawManifest $Destination | ConvertFrom-Json
        $manifest.config.digest | Should -Be $Busybox.configDigest
        @($manifest.layers.digest) | Should -Be @($Busybox.layerDigests)
    }

    It 'adds no local name for the destination' {
        (Get-Image -Root $Root).Names | Should -Not -Contain $Destination
    }
}

Describe 'Publish-Image safety and errors' {
    BeforeAll {
        $script:Root = New-ThrowawayRoot
        $script:Image = Request-Image $Busybox.reference -Root $Root -PassThru -ErrorAction Stop
    }

    It '-WhatIf pushes nothing' {
        $destination = New-Destination
        Publish-Image $Busybox.reference -Destination $destination -Root $Root -WhatIf
        Test-InRegistry $destination | Should -BeFalse
    }

    It 'an unknown image is ImageNotFound, a non-terminating error' {
        Publish-Image "$Registry/no/such:image" -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound*'
    }

    It 'an image given by id needs a destination: PushDestinationRequired' {
        Publish-Image $Image.Id -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PushDestinationRequired*'
    }

    It 'one -Destination for two images pushes the first and refuses the second: DestinationWithSeveralImages' {
        $destination = New-Destination
        Publish-Image $Busybox.reference, $Image.Id -Destination $destination -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DestinationWithSeveralImages*'
        Test-InRegistry $destination | Should -BeTrue
    }

    It 'an unreachable registry is RegistryUnavailable' {
        Publish-Image $Busybox.reference -Destination '127.0.0.1:1/x/y:z' -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'RegistryUnavailable*'
    }

    It '-AsJob pushes in a background job and writes the result there' {
        $destination = New-Destination
        $job = Publish-Image $Busybox.reference -Destination $destination -Root $Root -AsJob -PassThru
        $result = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $result.Digest | Should -Be $Image.ManifestDigest
        Test-InRegistry $destination | Should -BeTrue
    }

    It 'the result fits a 120-column table' {
        $destination = New-Destination
        $text = Publish-Image $Busybox.reference -Destination $destination -Root $Root -PassThru | Format-Table | Out-String -Width 120
        ($text -split "`n" | Measure-Object -Maximum -Property Length).Maximum | Should -BeLessOrEqual 120
        $text | Should -BeLike '*Uploaded*Mounted*Existing*'
    }
}
