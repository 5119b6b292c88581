# New-Image -Container (docker commit), Get-ContainerChange (docker diff) and Export-Container (docker export) end to
# end, as root, with the real supervisor and the fixture image test/busybox:latest from the loopback registry. GNU tar,
# getcap and umoci are the oracles for the committed layer and image, GNU find for the container's merged root file
# system against umoci's unpack of the commit, podman diff for Get-ContainerChange; the container's own view
# (busybox find) is the oracle for the export.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    # Select-PodmanRuntime: runc, or runc without rlimits where this root may not set them (bench/Bench.psm1).
    Import-Module (Join-Path $PSScriptRoot '../../bench/Bench.psm1') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    # What the shared container changes, run by its shell (and by podman's, for the oracle). The base image
    # (TestImageContent.psm1) has /etc/passwd, /etc/group, /home/app, an empty /root and /tmp; only the applets cat,
    # chmod, ln, mkdir, rm, stat, ... are links, so the others are called through busybox.
    $script:ChangeScript = @(
        'mkdir /data && echo hello > /data/new.txt'                               # added: a directory and a file
        'echo extra:x:5:5::/:/bin/sh >> /etc/passwd && chmod 0640 /etc/passwd && busybox chown 0:1000 /etc/passwd' # changed: content, mode, group
        'rm /etc/group'                                                           # deleted: a file
        'rm -r /tmp'                                                              # deleted: a whole directory
        'rm -r /home && mkdir /home && echo back > /home/readme'                  # deleted with its subtree and recreated: opaque
        'rm -r /root && echo file > /root'                                        # a directory replaced by a file
        'echo linked > /data/link-a && ln /data/link-a /data/link-b'              # a hard link pair
        'echo owned > /data/owned && busybox chown 1000:1000 /data/owned && chmod 4750 /data/owned' # owner, setuid mode
        'busybox mknod /data/null c 1 3 && busybox mkfifo /data/fifo'             # a device node and a fifo
        'ln -s new.txt /data/relative && ln -s /nowhere /data/dangling'           # symlinks, one dangling
        'echo old > /data/old.txt && busybox touch -d "2001-02-03 04:05:06" /data/old.txt' # an mtime of its own
    ) -join ' && '

    # A running container with those changes, and a file with a file capability (an xattr) written from the host
    # through its upper directory.
    $script:Changed = Start-Container -Image $Image -Root $Root -Name "commit$(Get-Random -Maximum 999999)" -Network None -Command sleep, 1000 -PassThru -ErrorAction Stop
    Invoke-ContainerCommand $Changed.Name -Root $Root -Command sh, -c, $ChangeScript -ErrorAction Stop
    $script:Upper = Join-Path $Root "containers/$($Changed.Id)/upper"
    Copy-Item /bin/busybox "$Upper/data/cap.bin"
    setcap cap_net_raw+ep "$Upper/data/cap.bin"
    if ($LASTEXITCODE -ne 0) { throw "setcap failed with $LASTEXITCODE" }

    # A root file system as one line per entry, for comparing two trees: path, type, mode, owner, size (not of
    # directories: file systems differ), link target, link count, mtime in whole seconds (what a tar header holds),
    # device numbers, content hash. -xdev: a running container's /proc, /sys and /dev are
    # other file systems; the engine's bind-mounted /etc/hosts, /etc/resolv.conf and /etc/hostname are left out, as
    # from the commit.
    function Get-RootListing([string] $Path) {
        $raw = & find -P "$Path/" -xdev -mindepth 1 -printf '%y\0%m\0%U\0%G\0%s\0%n\0%T@\0%l\0%P\0' | Out-String -NoNewline
        if ($LASTEXITCODE -ne 0) { throw "find failed on $Path" }
        $fields = $raw.Split([char]0)
        $lines = for ($i = 0; $i + 9 -le $fields.Length; $i += 9) {
            $type, $mode, $uid, $gid, $size, $links, $mtime, $target, $relative = $fields[$i..($i + 8)]
            if ($relative -in 'etc/hosts', 'etc/resolv.conf', 'etc/hostname' -or $relative -match '^(proc|sys|dev)/') { continue }
            $full = Join-Path $Path $relative
            $extra = switch ($type) {
                'f' { "size=$size links=$links sha256=$((Get-Sha256Digest $full).Substring(7)) mtime=$([long][math]::Floor([double]$mtime))" }
                'l' { "-> $target mtime=$([long][math]::Floor([double]$mtime))" }
                { $_ -in 'c', 'b' } { "dev=$(& stat -c '%t:%T' -- $full) mtime=$([long][math]::Floor([double]$mtime))" }
                'd' { "mtime=$([long][math]::Floor([double]$mtime))" }
                default { "mtime=$([long][math]::Floor([double]$mtime))" }
            }
            # the kernel file systems' mount points: their directories, seen through the mounts, differ
            if ($relative -in 'proc', 'sys', 'dev') { $mode = '-'; $uid = '-'; $gid = '-'; $extra = '' }
            "$relative $type $mode $uid $gid $extra".TrimEnd()
        }
        @($lines | Sort-Object -CaseSensitive)
    }
}

AfterAll {
    Get-Container -Root $Root | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue
}

Describe 'Get-ContainerChange' {
    It 'lists what docker diff would, sorted, without the files the engine manages' {
        $changes = Get-ContainerChange -Container $Changed.Name -Root $Root
        @($changes | ForEach-Object { "$($_.Kind.ToString()[0]) $($_.Path)" }) | Should -Be @(
            'A /data', 'A /data/cap.bin', 'A /data/dangling', 'A /data/fifo', 'A /data/link-a', 'A /data/link-b', 'A /data/new.txt',
            'A /data/null', 'A /data/old.txt', 'A /data/owned', 'A /data/relative',
            'C /etc', 'D /etc/group', 'C /etc/passwd',
            'D /home', 'A /home/readme', # deleted and made again: overlay's opaque directory, which docker and podman list as deleted
            'C /root', 'D /tmp')
    }

    It 'takes a container object from the pipeline' {
        @(Get-Container -Name $Changed.Name -Root $Root | Get-ContainerChange -Root $Root).Count | Should -Be 18
    }

    Context 'podman diff as the oracle' {
        BeforeAll {
            $script:Podman = @('--root', (Join-Path $TestDrive 'podman'), '--runroot', (Join-Path $TestDrive 'podman-run'),
                '--storage-driver', 'overlay', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file')
            function Invoke-Podman {
                $output = & podman @Podman @args 2>&1
                if ($LASTEXITCODE -ne 0) { throw "podman $args exited with ${LASTEXITCODE}: $($output -join "`n")" }
                $output
            }
            $null = Invoke-Podman pull --quiet --tls-verify=false $Image
            $script:Podman += '--runtime', (Select-PodmanRuntime $Podman $Image)
            # The same changes in a podman container of the same image (podman's default capabilities lack MKNOD,
            # which docker's and ContainerPS's have), the capability written from the host into its merged view.
            $null = Invoke-Podman run --detach --name oracle --network none --cap-add MKNOD $Image sleep 1000
            $null = Invoke-Podman exec oracle sh -c $ChangeScript
            $merged = "$(Invoke-Podman mount oracle)".Trim()
            Copy-Item /bin/busybox "$merged/data/cap.bin"
            setcap cap_net_raw+ep "$merged/data/cap.bin"
            if ($LASTEXITCODE -ne 0) { throw "setcap failed with $LASTEXITCODE" }
        }

        AfterAll {
            & podman @Podman rm --force --time 0 oracle 2>&1 | Out-Null
            & podman @Podman system reset --force 2>&1 | Out-Null
            foreach ($mount in @(& findmnt -rn -o TARGET | Where-Object { $_.StartsWith("$TestDrive/podman") } | Sort-Object -Descending)) {
                umount -l $mount 2>&1 | Out-Null
            }
        }

        It 'agrees with podman diff on the same changes' {
            $diff = Invoke-Podman diff --format json oracle | Out-String | ConvertFrom-Json
            $theirs = @(
                foreach ($kind in 'added', 'changed', 'deleted') {
                    foreach ($path in @($diff.$kind | Where-Object { $_ })) { "$($kind.Substring(0, 1).ToUpperInvariant()) $path" }
                }
            )
            $ours = @(Get-ContainerChange -Container $Changed.Name -Root $Root | ForEach-Object { "$($_.Kind.ToString()[0]) $($_.Path)" })
            Compare-Object $theirs $ours | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" } | Should -BeNullOrEmpty
        }
    }
}

Describe 'New-Image -Container' {
    # Its tests make containers: removed here, as Pester deletes their directories when the block ends (ContainerTestSetup.psm1).
    AfterAll { Get-Container -Root $Root | Where-Object Name -NE $Changed.Name | Remove-Container -Root $Root -Force -ErrorAction SilentlyContinue }

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

    It 'writes a layer GNU tar lists with whiteouts, an opaque directory, a hard link, owners and devices, without /etc/hosts' {
        $listing = @(gzip -dc $LayerBlob | tar -tf -)
        $listing | Should -Contain 'etc/.wh.group'
        $listing | Should -Contain '.wh.tmp'
        $listing | Should -Contain 'home/'
        $listing | Should -Contain 'home/.wh..wh..opq'
        $listing.IndexOf('home/.wh..wh..opq') | Should -Be ($listing.IndexOf('home/') + 1) -Because 'the marker comes before the directory''s new children'
        $listing | Should -Contain 'home/readme'
        $listing | Should -Contain 'root'
        $listing | Should -Not -Contain '.wh.root' -Because 'a file in the layer replaces the directory below'
        $listing | Should -Contain 'data/new.txt'
        $listing | Should -Not -Contain 'etc/hosts'
        $listing | Should -Not -Contain 'etc/resolv.conf'
        $listing | Should -Not -Contain 'etc/hostname'
        $verbose = @(gzip -dc $LayerBlob | tar --numeric-owner --full-time -tvf -) -join "`n"

        $verbose | Should -Match '(?m)^hrw-r--r-- 0/0 +0 [-0-9: ]+ data/link-b link to data/link-a$'
        $verbose | Should -Match '(?m)^crw-r--r-- 0/0 +1,3 [-0-9: ]+ data/null$'
        $verbose | Should -Match '(?m)^prw-r--r-- 0/0 .* data/fifo$'
        $verbose | Should -Match '(?m)^-rwsr-x--- 1000/1000 .* data/owned$'
        $verbose | Should -Match '(?m)^-rw-r----- 0/1000 .* etc/passwd$'
        $verbose | Should -Match '(?m) 2001-02-03 04:05:06 data/old\.txt$'
        $verbose | Should -Match '(?m)^lrwxrwxrwx 0/0 .* data/relative -> new\.txt$'
        $out = Join-Path $TestDrive 'layer'
        $null = New-Item -ItemType Directory $out
        Invoke-Tool bash -c "gzip -dc '$LayerBlob' | tar --xattrs --xattrs-include='*' -xf - -C '$out' data/cap.bin"
        $capability = getcap "$out/data/cap.bin" 2>&1
        $LASTEXITCODE | Should -Be 0
        "$capability" | Should -Match 'cap_net_raw[=+]ep'
    }

    It 'is an image umoci unpacks to the same tree as the container''s merged root file system, with the environment' {
        $layout = Join-Path $TestDrive 'layout'
        $null = New-Item -ItemType Directory "$layout/blobs"
        Invoke-Tool cp -al (Join-Path $Root 'blobs/sha256') "$layout/blobs/sha256"
        Set-Content "$layout/oci-layout" '{"imageLayoutVersion":"1.0.0"}'
        $manifest = Get-Item (Get-StoreBlobPath $Root $Committed.ManifestDigest)
        $index = @{ schemaVersion = 2; manifests = @(@{ mediaType = 'application/vnd.oci.image.manifest.v1+json'; digest = $Committed.ManifestDigest; size = $manifest.Length
                    annotations = @{ 'org.opencontainers.image.ref.name' = 'committed' } }) }
        $index | ConvertTo-Json -Depth 5 | Set-Content "$layout/index.json"
        Invoke-Tool umoci unpack --image "${layout}:committed" "$TestDrive/bundle"
        (Get-Content -Raw "$TestDrive/bundle/config.json" | ConvertFrom-Json).process.env | Should -Contain 'A=b'

        # The running container's root, as its own processes see it, read from the host through its init's /proc entry.
        $containerPid = (Get-Container -Name $Changed.Name -Root $Root).Pid
        $containerPid | Should -BeGreaterThan 0
        $merged = Get-RootListing "/proc/$containerPid/root"
        $unpacked = Get-RootListing "$TestDrive/bundle/rootfs"
        Compare-Object $merged $unpacked | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" } | Should -BeNullOrEmpty
        @($unpacked | Where-Object { $_ -like 'home/readme f 644 0 0 size=5 links=1 *' }) | Should -HaveCount 1
        @($unpacked | Where-Object { $_ -like 'home/*' }) | Should -HaveCount 1 -Because 'the opaque directory hides the image''s /home/app'
        @($unpacked | Where-Object { $_ -like 'data/link-* f 644 0 0 size=7 links=2 *' }) | Should -HaveCount 2
        @($unpacked | Where-Object { $_ -like 'root f *' }) | Should -HaveCount 1
    }

    It 'runs as a container that sees the changes and the environment' {
        $script = 'cat /data/new.txt; echo "A=$A"; ls /etc/group 2>/dev/null || echo nogroup; cat /root /home/readme; ls /home; ls -d /tmp 2>/dev/null || echo notmp; ' +
            'stat -c "%a %u:%g %h %F" /data/owned /data/link-b /data/null /etc/passwd; stat -c %Y /data/old.txt'
        $output = Start-Container -Image localhost/committed:1 -Root $Root -Network None -Command sh, -c, $script -Wait -AutoRemove -ErrorAction Stop
        $output | Should -Be @('hello', 'A=b', 'nogroup', 'file', 'back', 'readme', 'notmp',
            '4750 1000:1000 1 regular file', '644 0:0 2 regular file', '644 0:0 1 character special file', '640 0:1000 1 regular file',
            "$(([DateTimeOffset]'2001-02-03T04:05:06Z').ToUnixTimeSeconds())")
    }

    It 'writes the same layer when the same container is committed again' {
        $again = New-Image -Container $Changed.Name -Root $Root -ErrorAction Stop
        $again.Layers[-1].DiffId | Should -Be $Committed.Layers[-1].DiffId
        $again.Layers[-1].Digest | Should -Be $Committed.Layers[-1].Digest
    }

    It 'commits an exited container, leaving it dangling without -Reference, and commits it again to the same layer' {
        $name = "exited$(Get-Random -Maximum 999999)"
        Start-Container -Image $Image -Root $Root -Name $name -Network None -Command sh, -c, 'echo x > /made && ln /made /made-too && rm /etc/group' -Wait -ErrorAction Stop | Out-Null
        $image = New-Image -Container $name -Root $Root -Compression Zstd -ErrorAction Stop
        $image.Names | Should -BeNullOrEmpty
        $image.Layers[-1].MediaType | Should -Be 'application/vnd.oci.image.layer.v1.tar+zstd'
        @(zstd -dc (Get-StoreBlobPath $Root $image.Layers[-1].Digest) | tar -tf -) | Should -Contain 'made'
        $again = New-Image -Container $name -Root $Root -Compression Zstd -ErrorAction Stop
        $again.Layers[-1].DiffId | Should -Be $image.Layers[-1].DiffId
        $again.Layers[-1].Digest | Should -Be $image.Layers[-1].Digest
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
