# New-Image -Container (docker commit), Get-ContainerChange (docker diff) and Export-Container (docker export) end to
# end, as root, with the real supervisor and the fixture image test/busybox:latest from the loopback registry. GNU tar,
# getcap and umoci are the oracles for the committed layer and image; the container's own view (busybox find) is the
# oracle for the export.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    # A running container that added /data (one file written inside, one with a file capability written from the host
    # through its upper directory), appended to /etc/passwd, deleted /etc/group and the directory /home/app.
    $script:Changed = Start-Container -Image $Image -Root $Root -Name "commit$(Get-Random -Maximum 999999)" -Network None -Command sleep, 1000 -PassThru -ErrorAction Stop
    Invoke-ContainerCommand $Changed.Name -Root $Root -Command sh, -c, 'mkdir /data && echo hello > /data/new.txt && echo extra:x:5:5::/:/bin/sh >> /etc/passwd && rm /etc/group && rm -r /home/app' -ErrorAction Stop
    $script:Upper = Join-Path $Root "containers/$($Changed.Id)/upper"
    Copy-Item /bin/busybox "$Upper/data/cap.bin"
    setcap cap_net_raw+ep "$Upper/data/cap.bin"
    if ($LASTEXITCODE -ne 0) { throw "setcap failed with $LASTEXITCODE" }
}

AfterAll {
    Get-Container -Root $Root | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
}

Describe 'Get-ContainerChange' {
    It 'lists what docker diff would, sorted, without the files the engine manages' {
        $changes = Get-ContainerChange -Container $Changed.Name -Root $Root
        @($changes | ForEach-Object { "$($_.Kind.ToString()[0]) $($_.Path)" }) | Should -Be @(
            'A /data', 'A /data/cap.bin', 'A /data/new.txt', 'C /etc', 'D /etc/group', 'C /etc/passwd', 'C /home', 'D /home/app')
    }

    It 'takes a container object from the pipeline' {
        @(Get-Container -Name $Changed.Name -Root $Root | Get-ContainerChange -Root $Root).Count | Should -Be 8
    }
}

Describe 'New-Image -Container' {
    BeforeAll {
        $script:Committed = New-Image -Container $Changed.Name -Reference 'localhost/committed:1' -Change 'ENV A=b' -Message 'first commit' -Author 'Tester' -Root $Root -ErrorAction Stop
        $script:Base = Get-Image -Reference $Image -Root $Root
        $script:LayerBlob = Get-StoreBlobPath $Root $Committed.Layers[-1].Digest
    }

    It 'adds one layer and a history entry to the base image, with the change applied and the container left running' {
        $Committed.Layers.Count | Should -Be ($Base.Layers.Count + 1)
        @($Committed.Layers[0..($Base.Layers.Count - 1)].DiffId) | Should -Be @($Base.Layers.DiffId)
        $Committed.Config.Env | Should -Contain 'A=b'
        $Committed.Config.Cmd | Should -Be @('sleep', '1000')
        $Committed.History[-1].Comment | Should -Be 'first commit'
        $Committed.History[-1].Author | Should -Be 'Tester'
        $Committed.History[-1].CreatedBy | Should -Be 'sleep 1000'
        (Get-Container -Name $Changed.Name -Root $Root).Status | Should -Be 'Running'
        Invoke-ContainerCommand $Changed.Name -Root $Root -Command cat, /data/new.txt | Should -Be 'hello' # thawed
    }

    It 'writes a layer GNU tar lists with whiteouts and without /etc/hosts, and keeps the capability' {
        $listing = @(gzip -dc $LayerBlob | tar -tf -)
        $listing | Should -Contain 'etc/.wh.group'
        $listing | Should -Contain 'home/.wh.app'
        $listing | Should -Contain 'data/new.txt'
        $listing | Should -Not -Contain 'etc/hosts'
        $listing | Should -Not -Contain 'etc/resolv.conf'
        $out = Join-Path $TestDrive 'layer'
        $null = New-Item -ItemType Directory $out
        Invoke-Tool bash -c "gzip -dc '$LayerBlob' | tar --xattrs --xattrs-include='*' -xf - -C '$out' data/cap.bin"
        $capability = getcap "$out/data/cap.bin" 2>&1
        $LASTEXITCODE | Should -Be 0
        "$capability" | Should -Match 'cap_net_raw[=+]ep'
    }

    It 'is an image umoci unpacks, with the files and the environment' {
        $layout = Join-Path $TestDrive 'layout'
        $null = New-Item -ItemType Directory "$layout/blobs"
        Invoke-Tool cp -al (Join-Path $Root 'blobs/sha256') "$layout/blobs/sha256"
        Set-Content "$layout/oci-layout" '{"imageLayoutVersion":"1.0.0"}'
        $manifest = Get-Item (Get-StoreBlobPath $Root $Committed.ManifestDigest)
        $index = @{ schemaVersion = 2; manifests = @(@{ mediaType = 'application/vnd.oci.image.manifest.v1+json'; digest = $Committed.ManifestDigest; size = $manifest.Length
                    annotations = @{ 'org.opencontainers.image.ref.name' = 'committed' } }) }
        $index | ConvertTo-Json -Depth 5 | Set-Content "$layout/index.json"
        Invoke-Tool umoci unpack --image "${layout}:committed" "$TestDrive/bundle"
        Get-Content "$TestDrive/bundle/rootfs/data/new.txt" | Should -Be 'hello'
        Test-Path "$TestDrive/bundle/rootfs/etc/group" | Should -BeFalse
        Test-Path "$TestDrive/bundle/rootfs/home/app" | Should -BeFalse
        (Get-Content -Raw "$TestDrive/bundle/config.json" | ConvertFrom-Json).process.env | Should -Contain 'A=b'
    }

    It 'runs as a container that sees the changes and the environment' {
        $output = Start-Container -Image localhost/committed:1 -Root $Root -Network None -Command sh, -c, 'cat /data/new.txt; echo "A=$A"; ls /etc/group 2>/dev/null || echo nogroup' -Wait -AutoRemove -ErrorAction Stop
        $output | Should -Be @('hello', 'A=b', 'nogroup')
    }

    It 'commits an exited container, leaving it dangling without -Reference' {
        $name = "exited$(Get-Random -Maximum 999999)"
        Start-Container -Image $Image -Root $Root -Name $name -Network None -Command sh, -c, 'echo x > /made' -Wait -ErrorAction Stop | Out-Null
        $image = New-Image -Container $name -Root $Root -Compression Zstd -ErrorAction Stop
        $image.Names | Should -BeNullOrEmpty
        $image.Layers[-1].MediaType | Should -Be 'application/vnd.oci.image.layer.v1.tar+zstd'
        @(zstd -dc (Get-StoreBlobPath $Root $image.Layers[-1].Digest) | tar -tf -) | Should -Contain 'made'
    }

    It 'refuses a missing container with ContainerNotFound' {
        New-Image -Container nosuchcontainer -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
    }

    It 'refuses a bad change with InvalidChange before writing anything' {
        $blobs = @(Get-StoreBlob $Root).Count
        New-Image -Container $Changed.Name -Change 'RUN echo no' -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidChange,*'
        @(Get-StoreBlob $Root).Count | Should -Be $blobs
        Get-StoreLeftover $Root | Should -BeNullOrEmpty
    }
}

Describe 'Export-Container' {
    It 'writes the container''s view of its root file system as one flat tar' {
        $tar = Join-Path $TestDrive 'export.tar'
        Export-Container -Container $Changed.Name -Path $tar -Root $Root -ErrorAction Stop
        $entries = @(tar -tf $tar | ForEach-Object { '/' + $_.TrimEnd('/') } | Sort-Object)
        $seen = @(Invoke-ContainerCommand $Changed.Name -Root $Root -Command busybox, find, /, -xdev | Where-Object { $_ -ne '/' } | Sort-Object)
        Compare-Object $seen $entries | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" } | Should -BeNullOrEmpty
        $entries | Should -Not -Contain '/etc/group'
        @($entries | Where-Object { $_ -like '*.wh.*' }) | Should -BeNullOrEmpty
    }

    It 'refuses to replace a file without -Force and replaces it with -Force' {
        $tar = Join-Path $TestDrive 'twice.tar'
        Set-Content $tar 'old'
        Export-Container -Container $Changed.Name -Path $tar -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ExportTargetExists,*'
        Get-Content $tar | Should -Be 'old'
        Export-Container -Container $Changed.Name -Path $tar -Force -Root $Root -ErrorAction Stop
        @(tar -tf $tar) | Should -Contain 'data/new.txt'
        @(Get-ChildItem $TestDrive -Filter '.tmp-*' -Force) | Should -BeNullOrEmpty
    }
}
