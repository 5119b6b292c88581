# Build-Image end to end, as root, with the real runtime for RUN steps and the fixture image test/busybox:latest
# from the loopback registry as the base. buildah bud (Debian's buildah 1.28) builds the same Dockerfiles from the
# same base as the oracle for the config and the root file system (BuildOracle.psm1); where BuildKit's documented
# behaviour and buildah's differ, the test follows the Dockerfile reference and says so.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'BuildOracle.psm1') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive
    Initialize-BuildahStorage $TestDrive

    # A build context in TestDrive: the Dockerfile ($BASE stands for the fixture image) and files (name = content).
    function New-Context([string] $Dockerfile, [hashtable] $Files = @{}) {
        $directory = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory $directory | Out-Null
        Set-Content -LiteralPath (Join-Path $directory 'Dockerfile') -Value $Dockerfile.Replace('$BASE', $script:Image) -NoNewline
        foreach ($name in $Files.Keys) {
            $path = Join-Path $directory $name
            New-Item -ItemType Directory -Force (Split-Path $path) | Out-Null
            Set-Content -LiteralPath $path -Value $Files[$name] -NoNewline
        }
        $directory
    }

    # Builds $Context with Build-Image and with buildah; returns both configs and both root file system listings.
    function Compare-WithBuildah([string] $Context, [hashtable] $BuildArgument = @{}, [string] $Target, [string[]] $Under = @('')) {
        $targetOption = if ($Target) { @{ Target = $Target } } else { @{} }
        $ours = Build-Image $Context -Root $Root -Network None -BuildArgument $BuildArgument -PassThru -InformationAction Ignore -ErrorAction Stop @targetOption
        $extra = @($BuildArgument.Keys | ForEach-Object { '--build-arg'; "$_=$($BuildArgument[$_])" }) + @(if ($Target) { '--target', $Target })
        $theirs = Invoke-BuildahBuild $Context $extra
        [pscustomobject]@{
            Ours = (Get-Content -Raw (Get-StoreBlobPath $Root $ours.Id) | ConvertFrom-Json).config
            Theirs = Get-BuildahConfig $theirs
            OurFiles = Use-ImageRoot $Root $ours { param($path) Get-RootFsListing $path $Under }
            TheirFiles = Use-BuildahRoot $theirs { param($path) Get-RootFsListing $path $Under }
            Image = $ours
        }
    }

    # What a failed build may not leave: a container, a mount of the store, a build directory.
    function Assert-NothingLeft {
        @(Get-Container -Root $Root | Where-Object { $_.Labels.Keys -contains 'io.containerps.build.step' }) | Should -BeNullOrEmpty
        @(Get-Content /proc/self/mountinfo | Where-Object { $_ -like "*$Root*" }) | Should -BeNullOrEmpty
        $tmp = Join-Path $Root 'build/tmp'
        if (Test-Path $tmp) { @(Get-ChildItem -Force $tmp) | Should -BeNullOrEmpty }
    }
}

AfterAll {
    Remove-BuildahStorage
}

Describe 'Build-Image' {
    It 'builds a five-step Dockerfile and runs the image' {
        $context = New-Context -Dockerfile @'
FROM $BASE
ENV GREETING=hello
COPY greeting.txt /app/
RUN cat /app/greeting.txt > /app/copy.txt && echo built
RUN echo "$GREETING world" > /app/env.txt
CMD ["cat", "/app/env.txt"]
'@ -Files @{ 'greeting.txt' = 'hi there' }
        $image = Build-Image $context -Root $Root -Tag smoke:1 -Network None -PassThru -InformationVariable info -ErrorAction Stop
        $image.Reference | Should -Be 'smoke:1'
        ($info | ForEach-Object { "$_" }) | Should -Contain 'built'
        $info[0].Tags | Should -Contain 'ContainerPS.Build'
        Start-Container -Image smoke:1 -Root $Root -Network None -Wait -AutoRemove | Should -Be 'hello world'
        Assert-NothingLeft
    }
}

Describe 'Build-Image against buildah bud' {
    It 'writes the config instructions as buildah does' {
        $context = New-Context -Dockerfile @'
FROM $BASE
ENV A=1 B="two words"
ENV C=${A}-$B
LABEL org.example.name="demo" other=x
EXPOSE 80 53/udp
VOLUME ["/data", "/cache"]
WORKDIR /srv
WORKDIR app
USER 1000:1000
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/bin/echo"]
CMD ["hello"]
'@
        $result = Compare-WithBuildah $context -Under '/srv'
        $result.Theirs.Labels.PSObject.Properties.Remove('io.buildah.version') # buildah's own label
        foreach ($field in 'Env', 'Entrypoint', 'Cmd', 'WorkingDir', 'User', 'StopSignal') {
            ($result.Ours.$field | ConvertTo-Json -Compress) | Should -Be ($result.Theirs.$field | ConvertTo-Json -Compress) -Because $field
        }
        foreach ($map in 'Labels', 'ExposedPorts', 'Volumes') {
            (@($result.Ours.$map.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } | Sort-Object) -join ',') |
                Should -Be (@($result.Theirs.$map.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } | Sort-Object) -join ',') -Because $map
        }
    }

    It 'copies as buildah does: directory contents, globs, destinations, --chown and --chmod, .dockerignore' {
        $context = New-Context -Dockerfile @'
FROM $BASE
WORKDIR /work
COPY src/ /app/
COPY *.txt notes/
COPY one.txt relative.txt
COPY one.txt /deep/missing/parents/
COPY --chown=1000:1000 src /owned
COPY --chown=nobody one.txt /by-name.txt
COPY --chmod=0751 one.txt two.txt /modes/
'@ -Files @{ 'src/a.sh' = 'echo a'; 'src/sub/b.txt' = 'b'; 'src/skip.log' = 'x'; 'one.txt' = '1'; 'two.txt' = '2'; '.dockerignore' = "*.log`n**/*.log`n" }
        $result = Compare-WithBuildah $context -Under '/app', '/work', '/deep', '/owned', '/by-name.txt', '/modes'
        $result.OurFiles | Should -Be $result.TheirFiles
        $result.OurFiles | Should -Contain '/app/sub/b.txt f 644 0:0 1  3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d'
        $result.OurFiles | Should -Contain '/by-name.txt f 644 65534:65534 1  6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b'
        $result.OurFiles -join "`n" | Should -Not -Match 'skip.log'
    }

    It 'runs RUN steps with the stage user, working directory, environment and shell' {
        $context = New-Context -Dockerfile @'
FROM $BASE
ARG FLAVOUR=plain
ENV WHO=builder
WORKDIR /out
RUN echo "$WHO $FLAVOUR" > env.txt && id > id.txt && pwd > pwd.txt
USER 1000:1000
RUN id > /tmp/user.txt
USER root
SHELL ["/bin/sh", "-e", "-c"]
RUN echo "shell $0" > shell.txt
'@
        $result = Compare-WithBuildah $context -BuildArgument @{ FLAVOUR = 'spicy' } -Under '/out', '/tmp'
        $result.OurFiles | Should -Be $result.TheirFiles
        ($result.Ours.Env -join ',') | Should -Be ($result.Theirs.Env -join ',')
        ($result.Ours.Shell -join ' ') | Should -Be '/bin/sh -e -c'
    }

    It 'builds only the stages the target needs, and copies from other stages' {
        $context = New-Context -Dockerfile @'
ARG VERSION=1
FROM $BASE AS base
RUN echo base > /base.txt
FROM base AS builder
ARG VERSION
RUN echo "version $VERSION" > /artifact.txt
FROM $BASE AS broken
RUN exit 3
FROM $BASE
COPY --from=builder /artifact.txt /from-builder.txt
COPY --from=0 /base.txt /from-index.txt
'@
        $result = Compare-WithBuildah $context -BuildArgument @{ VERSION = '7' } -Under '/from-builder.txt', '/from-index.txt', '/base.txt'
        $result.OurFiles | Should -Be $result.TheirFiles
        $result.OurFiles -join "`n" | Should -Match 'from-builder.txt'
    }
}

Describe 'Build-Image against buildah bud, Dockerfile features' {
    It 'writes HEALTHCHECK, SHELL and ONBUILD into the config as buildah does in docker format' {
        $context = New-Context -Dockerfile @'
FROM $BASE
SHELL ["/bin/sh", "-x", "-c"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=4 CMD wget -q -O- http://127.0.0.1/ || exit 1
ONBUILD RUN echo triggered > /triggered.txt
'@
        $result = Compare-WithBuildah $context -Under '/nothing'
        ($result.Ours.Healthcheck | ConvertTo-Json -Compress) | Should -Be ($result.Theirs.Healthcheck | ConvertTo-Json -Compress)
        ($result.Ours.Shell -join ' ') | Should -Be ($result.Theirs.Shell -join ' ')
        ($result.Ours.OnBuild -join ' ') | Should -Be ($result.Theirs.OnBuild -join ' ')
    }

    # buildah 1.28 (imagebuilder) has no heredocs: the expectations are the Dockerfile reference's ("Here-Documents").
    It 'runs and copies heredocs as the Dockerfile reference describes them' {
        $context = New-Context -Dockerfile @'
FROM $BASE
RUN <<EOF
echo one > /heredoc-run.txt
echo two >> /heredoc-run.txt
EOF
COPY <<EOF /heredoc-copy.txt
copied text
EOF
RUN cat <<EOF > /heredoc-arg.txt
as stdin
EOF
'@
        $image = Build-Image $context -Root $Root -Network None -PassThru -InformationAction Ignore -ErrorAction Stop
        Use-ImageRoot $Root $image {
            param($path)
            Get-Content -Raw "$path/heredoc-run.txt" | Should -Be "one`ntwo`n"
            Get-Content -Raw "$path/heredoc-copy.txt" | Should -Be "copied text`n"
            Get-Content -Raw "$path/heredoc-arg.txt" | Should -Be "as stdin`n"
            (Get-RootFsListing $path '/heredoc-copy.txt') | Should -BeLike '/heredoc-copy.txt f 644 0:0 *'
        }
    }

    It 'runs the ONBUILD triggers of the base image in the child build' {
        $parent = New-Context -Dockerfile @'
FROM $BASE
ONBUILD RUN echo triggered > /triggered.txt
'@
        Build-Image $parent -Root $Root -Tag onbuild-parent:1 -Network None -InformationAction Ignore -ErrorAction Stop
        $child = New-Context -Dockerfile "FROM onbuild-parent:1`nRUN cat /triggered.txt > /seen.txt`n"
        $image = Build-Image $child -Root $Root -Network None -PassThru -InformationAction Ignore -ErrorAction Stop
        $config = (Get-Content -Raw (Get-StoreBlobPath $Root $image.Id) | ConvertFrom-Json).config
        $config.OnBuild | Should -BeNullOrEmpty -Because 'triggers are not inherited by grandchildren (Dockerfile reference, "ONBUILD")'
        Use-ImageRoot $Root $image { param($path) Get-Content -Raw "$path/seen.txt" } | Should -Be "triggered`n"
    }
}

Describe 'Build-Image RUN --mount' {
    It 'keeps a cache mount across builds and out of the image' {
        $dockerfile = "FROM `$BASE`nARG RUNID`nRUN --mount=type=cache,target=/cache echo `$RUNID >> /cache/runs && cat /cache/runs > /seen.txt`n"
        $context = New-Context -Dockerfile $dockerfile
        $null = Build-Image $context -Root $Root -Network None -BuildArgument @{ RUNID = 'a' } -InformationAction Ignore -ErrorAction Stop
        $second = Build-Image $context -Root $Root -Network None -BuildArgument @{ RUNID = 'b' } -PassThru -InformationAction Ignore -ErrorAction Stop
        Use-ImageRoot $Root $second {
            param($path)
            Get-Content -Raw "$path/seen.txt" | Should -Be "a`nb`n"
            Test-Path "$path/cache" | Should -BeFalse -Because 'the mount point is not part of the image'
        }
    }

    It 'gives a secret to the step and keeps it out of the layers and the history' {
        $secret = Join-Path $TestDrive 'token.txt'
        Set-Content -LiteralPath $secret -Value 's3cr3t-value' -NoNewline
        $context = New-Context -Dockerfile "FROM `$BASE`nRUN --mount=type=secret,id=token cat /run/secrets/token | wc -c > /length.txt`n"
        $image = Build-Image $context -Root $Root -Network None -Secret @{ token = $secret } -PassThru -InformationAction Ignore -ErrorAction Stop
        Use-ImageRoot $Root $image {
            param($path)
            (Get-Content -Raw "$path/length.txt").Trim() | Should -Be '12'
            Test-Path "$path/run/secrets" | Should -BeFalse
        }
        foreach ($blob in Get-ChildItem (Join-Path $Root 'blobs/sha256')) {
            $count = & sh -c "(gzip -dc '$($blob.FullName)' 2>/dev/null || cat '$($blob.FullName)') | grep -c s3cr3t-value"
            "$count".Trim() | Should -Be '0' -Because "blob $($blob.Name) must not hold the secret"
        }
    }

    It 'binds another stage''s root with from=, and discards what the step writes there' {
        $context = New-Context -Dockerfile @'
FROM $BASE AS tools
RUN echo from-tools > /tool.txt
FROM $BASE
RUN --mount=type=bind,from=tools,target=/mnt/tools,rw cat /mnt/tools/tool.txt > /seen.txt && echo scribble > /mnt/tools/tool.txt
RUN --mount=type=bind,from=tools,source=/tool.txt,target=/again.txt cat /again.txt > /again-seen.txt
'@
        $image = Build-Image $context -Root $Root -Network None -PassThru -InformationAction Ignore -ErrorAction Stop
        Use-ImageRoot $Root $image {
            param($path)
            Get-Content -Raw "$path/seen.txt" | Should -Be "from-tools`n"
            Get-Content -Raw "$path/again-seen.txt" | Should -Be "from-tools`n" -Because 'the rw write went to a throwaway layer'
            Test-Path "$path/mnt/tools", "$path/again.txt" | Should -Be $false, $false
        }
    }

    It 'reads <Dockerfile>.dockerignore before .dockerignore, and takes COPY --link' {
        $context = New-Context -Dockerfile "FROM `$BASE`nCOPY --link . /ctx/`n" -Files @{ 'keep.txt' = 'k'; 'drop.txt' = 'd'; 'other.txt' = 'o'; '.dockerignore' = 'other.txt'; 'Dockerfile.dockerignore' = "drop.txt`n*.dockerignore`n.dockerignore`nDockerfile`n" }
        $image = Build-Image $context -Root $Root -Network None -PassThru -InformationAction Ignore -ErrorAction Stop
        Use-ImageRoot $Root $image { param($path) @(Get-ChildItem -Force -Name "$path/ctx" | Sort-Object) } | Should -Be 'keep.txt', 'other.txt'
    }

    It 'binds the build context read-only, and a tmpfs' {
        $context = New-Context -Dockerfile @'
FROM $BASE
RUN --mount=type=bind,source=data,target=/mnt/data --mount=type=tmpfs,target=/scratch cat /mnt/data/value.txt > /bound.txt && touch /scratch/x && ! touch /mnt/data/y
'@ -Files @{ 'data/value.txt' = 'from context' }
        $image = Build-Image $context -Root $Root -Network None -PassThru -InformationAction Ignore -ErrorAction Stop
        Use-ImageRoot $Root $image {
            param($path)
            Get-Content -Raw "$path/bound.txt" | Should -Be 'from context'
            Test-Path "$path/scratch" | Should -BeFalse
            Test-Path "$path/mnt/data" | Should -BeFalse
        }
    }
}

Describe 'Build-Image arguments, stages and images' {
    It 'substitutes ARG values in FROM, ENV and RUN as buildah does, and warns of unused build arguments' {
        $context = New-Context -Dockerfile @'
ARG BASE_IMAGE=$BASE
FROM ${BASE_IMAGE}
ARG NAME=world
ARG EMPTY
ENV GREETING="hello ${NAME}" FALLBACK=${EMPTY:-fallback} SET=${NAME:+set}
RUN echo "$GREETING $FALLBACK $SET $NAME" > /args.txt
'@
        $null = Build-Image $context -Root $Root -Network None -BuildArgument @{ NAME = 'there'; UNUSED = 'x' } -InformationAction Ignore -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        "$warnings" | Should -BeLike '*UNUSED*'
        $result = Compare-WithBuildah $context -BuildArgument @{ NAME = 'there' } -Under '/args.txt'
        $result.OurFiles | Should -Be $result.TheirFiles
        ($result.Ours.Env -join ',') | Should -Be ($result.Theirs.Env -join ',')
    }

    It 'gives proxy build arguments to RUN without declaring them, and keeps them out of the history' {
        $context = New-Context -Dockerfile "FROM `$BASE`nRUN echo `"proxy=`$HTTP_PROXY`" > /proxy.txt`n"
        $image = Build-Image $context -Root $Root -Network None -BuildArgument @{ HTTP_PROXY = 'http://127.0.0.1:3128' } -PassThru -InformationAction Ignore -ErrorAction Stop
        Use-ImageRoot $Root $image { param($path) Get-Content -Raw "$path/proxy.txt" } | Should -Be "proxy=http://127.0.0.1:3128`n"
        $history = (Get-Content -Raw (Get-StoreBlobPath $Root $image.Id) | ConvertFrom-Json).history
        ($history.created_by -join "`n") | Should -Not -BeLike '*3128*'
        $history[-1].created_by | Should -Be 'RUN /bin/sh -c echo "proxy=$HTTP_PROXY" > /proxy.txt # buildkit'
    }

    It 'copies from an image that is not a stage' {
        Add-ImageTag $Image other-base:1 -Root $Root
        $context = New-Context -Dockerfile "FROM scratch`nCOPY --from=other-base:1 /etc/passwd /passwd`n"
        $image = Build-Image $context -Root $Root -Network None -PassThru -InformationAction Ignore -ErrorAction Stop
        $expected = Use-ImageRoot $Root (Get-Image other-base:1 -Root $Root) { param($path) Get-Content -Raw "$path/etc/passwd" }
        Use-ImageRoot $Root $image { param($path) Get-Content -Raw "$path/passwd" } | Should -Be $expected
    }

    It 'builds two images at once in one store' {
        $one = New-Context -Dockerfile "FROM `$BASE`nRUN echo one > /one.txt && sleep 1`n"
        $two = New-Context -Dockerfile "FROM `$BASE`nRUN echo two > /two.txt && sleep 1`n"
        $jobs = @(
            Build-Image $one -Root $Root -Network None -Tag concurrent:one -AsJob
            Build-Image $two -Root $Root -Network None -Tag concurrent:two -AsJob
        )
        $null = $jobs | Wait-Job -Timeout 120
        $jobs | ForEach-Object { $_.State | Should -Be 'Completed'; $_.ChildJobs[0].Error | Should -BeNullOrEmpty }
        $jobs | Remove-Job
        Use-ImageRoot $Root (Get-Image concurrent:one -Root $Root) { param($path) Get-Content -Raw "$path/one.txt" } | Should -Be "one`n"
        Use-ImageRoot $Root (Get-Image concurrent:two -Root $Root) { param($path) Get-Content -Raw "$path/two.txt" } | Should -Be "two`n"
    }

    It 'removes a cached step result without taking the layers a named image still uses' {
        $context = New-Context -Dockerfile "FROM `$BASE`nRUN echo kept > /kept.txt`nCMD [`"cat`", `"/kept.txt`"]`n"
        $image = Build-Image $context -Root $Root -Network None -Tag keep:1 -PassThru -InformationAction Ignore -ErrorAction Stop
        $cached = Get-Image -Root $Root -All | Where-Object { -not $_.Reference -and $_.Id -ne $image.Id } | Select-Object -First 1
        $cached | Remove-Image -Root $Root -Confirm:$false -ErrorAction Stop
        Start-Container -Image keep:1 -Root $Root -Network None -Wait -AutoRemove | Should -Be 'kept'
    }
}

Describe 'Build-Image options' {
    It 'builds the -Target stage, labels it, and shows each step as progress' {
        $context = New-Context -Dockerfile @'
FROM $BASE AS builder
ARG TARGETARCH
RUN echo "arch $TARGETARCH" > /artifact.txt
FROM $BASE
COPY --from=builder /artifact.txt /final.txt
'@
        $job = Build-Image $context -Root $Root -Network None -Target builder -Label @{ stage = 'builder' } -Tag target:1 -AsJob
        $null = $job | Wait-Job -Timeout 120
        $job.State | Should -Be 'Completed'
        @($job.Progress.StatusDescription) | Should -Contain 'Step 3/3: RUN echo "arch $TARGETARCH" > /artifact.txt' -Because 'only the stages the target needs are planned'
        $job | Remove-Job
        $image = Get-Image target:1 -Root $Root
        $config = (Get-Content -Raw (Get-StoreBlobPath $Root $image.Id) | ConvertFrom-Json).config
        $config.Labels.stage | Should -Be 'builder'
        Use-ImageRoot $Root $image {
            param($path)
            Get-Content -Raw "$path/artifact.txt" | Should -Be "arch amd64`n"
            Test-Path "$path/final.txt" | Should -BeFalse
        }
    }

    It 'reads a Containerfile when there is no Dockerfile, and -File elsewhere' {
        $context = New-Context -Dockerfile "FROM `$BASE`nLABEL from=dockerfile`n"
        Rename-Item (Join-Path $context 'Dockerfile') 'Containerfile'
        $image = Build-Image $context -Root $Root -Network None -PassThru -InformationAction Ignore -ErrorAction Stop
        (Get-Content -Raw (Get-StoreBlobPath $Root $image.Id) | ConvertFrom-Json).config.Labels.from | Should -Be 'dockerfile'
        $other = Join-Path $TestDrive "other-$([guid]::NewGuid().ToString('n')).Dockerfile"
        Set-Content -LiteralPath $other -Value "FROM $Image`nLABEL from=file`n"
        $image = Build-Image $context -File $other -Root $Root -Network None -PassThru -InformationAction Ignore -ErrorAction Stop
        (Get-Content -Raw (Get-StoreBlobPath $Root $image.Id) | ConvertFrom-Json).config.Labels.from | Should -Be 'file'
    }

    It 'writes history as BuildKit does: one entry per step, config-only steps as empty layers' {
        $context = New-Context -Dockerfile "FROM `$BASE`nENV A=1`nRUN echo a > /a`nCMD [`"sh`"]`n"
        $image = Build-Image $context -Root $Root -Network None -PassThru -InformationAction Ignore -ErrorAction Stop
        $config = Get-Content -Raw (Get-StoreBlobPath $Root $image.Id) | ConvertFrom-Json
        $mine = @($config.history | Select-Object -Last 3)
        $mine.created_by | Should -Be 'ENV A=1', 'RUN /bin/sh -c echo a > /a # buildkit', 'CMD ["sh"]'
        $mine.empty_layer | Should -Be $true, $null, $true
        @($config.rootfs.diff_ids).Count | Should -Be (@($config.history | Where-Object { -not $_.empty_layer }).Count)
    }

    It 'gives RUN --network=none only loopback while the build has a bridge' {
        $context = New-Context -Dockerfile "FROM `$BASE`nRUN --network=none cat /proc/net/dev > /none.txt`nRUN cat /proc/net/dev > /bridge.txt`n"
        $image = Build-Image $context -Root $Root -Network Bridge -PassThru -InformationAction Ignore -ErrorAction Stop
        Use-ImageRoot $Root $image {
            param($path)
            (Get-Content "$path/none.txt" | Select-Object -Skip 2).Trim() | ForEach-Object { ($_ -split ':')[0] } | Should -Be 'lo'
            (Get-Content "$path/bridge.txt" | Select-Object -Skip 2).Count | Should -Be 2
        }
    }

    It 'fails with BuildBaseImageNotFound when -PullPolicy Never and the base is missing' {
        $context = New-Context -Dockerfile "FROM $env:CONTAINERPS_TEST_REGISTRY/test/absent:1`n"
        { Build-Image $context -Root $Root -PullPolicy Never -Network None -ErrorAction Stop } | Should -Throw -ErrorId 'BuildBaseImageNotFound,ContainerPS.Commands.BuildImageCommand'
        Assert-NothingLeft
    }
}

Describe 'Build-Image cache' {
    BeforeAll {
        # Builds with -Verbose and lists the steps it took from the cache ('2/6:', ...).
        function Invoke-CountedBuild([string] $Context, [switch] $NoCache) {
            $records = Build-Image $Context -Root $Root -Network None -NoCache:$NoCache -PassThru -Verbose -InformationAction Ignore -ErrorAction Stop 4>&1
            [pscustomobject]@{
                Image = $records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
                Cached = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*using cache' } | ForEach-Object { ($_.Message -split ' ')[2] })
            }
        }
        $script:CacheContext = New-Context -Dockerfile @'
FROM $BASE
COPY a.txt /a.txt
RUN cat /a.txt > /b.txt
COPY c.txt /c.txt
RUN cat /c.txt > /d.txt
CMD ["cat", "/d.txt"]
'@ -Files @{ 'a.txt' = 'a'; 'c.txt' = 'c' }
        $script:First = Invoke-CountedBuild $CacheContext
    }

    It 'takes every step of an unchanged rebuild from the cache and gives the same image' {
        $again = Invoke-CountedBuild $CacheContext
        $again.Cached | Should -Be '2/6:', '3/6:', '4/6:', '5/6:'
        $again.Image.Id | Should -Be $First.Image.Id
    }

    It 'keeps the cache when only a source''s mtime changes' {
        (Get-Item (Join-Path $CacheContext 'a.txt')).LastWriteTime = [datetime]'2001-02-03'
        $touched = Invoke-CountedBuild $CacheContext
        $touched.Cached.Count | Should -Be 4
        $touched.Image.Id | Should -Be $First.Image.Id
    }

    It 'runs the changed step and every step after it when a source''s content changes' {
        Set-Content -LiteralPath (Join-Path $CacheContext 'c.txt') -Value 'changed' -NoNewline
        $changed = Invoke-CountedBuild $CacheContext
        $changed.Cached | Should -Be '2/6:', '3/6:'
        $changed.Image.Id | Should -Not -Be $First.Image.Id
    }

    It 'runs from the changed step on when a source''s mode changes' {
        chmod 0600 (Join-Path $CacheContext 'a.txt')
        (Invoke-CountedBuild $CacheContext).Cached | Should -BeNullOrEmpty
    }

    It 'runs every step with -NoCache' {
        (Invoke-CountedBuild $CacheContext -NoCache).Cached | Should -BeNullOrEmpty
    }

    It 'hides the cache from Get-Image and shows it with -All' {
        $visible = @(Get-Image -Root $Root).Id
        $all = @(Get-Image -Root $Root -All).Id
        $all.Count | Should -BeGreaterThan $visible.Count
    }
}

Describe 'Build-Image errors' {
    It 'fails with <Id> and leaves nothing behind: <Case>' -ForEach @(
        @{ Case = 'unknown instruction'; Id = 'DockerfileParseError'; Dockerfile = "FROM `$BASE`nFROBNICATE x`n"; Message = '*Dockerfile:2*' }
        @{ Case = 'missing source'; Id = 'BuildSourceNotFound'; Dockerfile = "FROM `$BASE`nCOPY missing.txt /x`n"; Message = '*missing.txt*' }
        @{ Case = 'source outside the context'; Id = 'BuildContextEscape'; Dockerfile = "FROM `$BASE`nCOPY ../outside.txt /x`n"; Message = '*outside.txt*' }
        @{ Case = 'failing RUN'; Id = 'BuildStepFailed'; Dockerfile = "FROM `$BASE`nRUN echo before`nRUN exit 3`n"; Message = '*3/3*exited with code 3*' }
        @{ Case = 'unknown target'; Id = 'UnknownStage'; Dockerfile = "FROM `$BASE AS one`n"; Target = 'nope'; Message = '*nope*' }
        @{ Case = 'stage cycle'; Id = 'StageCycle'; Dockerfile = "FROM `$BASE AS a`nCOPY --from=b /x /x`nFROM `$BASE AS b`nCOPY --from=a /x /x`n"; Message = '*' }
        @{ Case = 'unknown --chown user'; Id = 'UserNotFound'; Dockerfile = "FROM `$BASE`nCOPY --chown=ghost f.txt /f.txt`n"; Message = '*ghost*' }
        @{ Case = 'required secret not given'; Id = 'BuildSecretNotFound'; Dockerfile = "FROM `$BASE`nRUN --mount=type=secret,id=token,required=true true`n"; Message = '*token*' }
        @{ Case = 'RUN on scratch'; Id = 'BuildStepFailed'; Dockerfile = "FROM scratch`nRUN true`n"; Message = '*scratch*' }
    ) {
        $context = New-Context -Dockerfile $Dockerfile -Files @{ 'f.txt' = 'f' }
        Set-Content -LiteralPath (Join-Path (Split-Path $context) 'outside.txt') -Value 'o'
        $targetOption = if ($_.ContainsKey('Target')) { @{ Target = $_.Target } } else { @{} }
        $failure = { Build-Image $context -Root $Root -Network None -InformationAction Ignore -ErrorAction Stop @targetOption } |
            Should -Throw -ErrorId "$Id,ContainerPS.Commands.BuildImageCommand" -PassThru
        $failure.Exception.Message | Should -BeLike $Message
        Assert-NothingLeft
    }

    It 'removes the step''s container when the build is stopped' {
        $context = New-Context -Dockerfile "FROM `$BASE`nRUN echo started && sleep 60`n"
        $job = Build-Image $context -Root $Root -Network None -AsJob
        Wait-Condition { @(Get-Container -Root $Root | Where-Object { $_.Labels.Keys -contains 'io.containerps.build.step' }).Count -gt 0 } -TimeoutSeconds 30 | Should -BeTrue
        $job | Stop-Job
        $job | Remove-Job -Force
        Wait-Condition { @(Get-Container -Root $Root | Where-Object { $_.Labels.Keys -contains 'io.containerps.build.step' }).Count -eq 0 } -TimeoutSeconds 30 | Should -BeTrue
        Assert-NothingLeft
    }
}

Describe 'Build-Image ADD' {
    BeforeAll {
        # A loopback HTTP server for ADD <url> (only 127.0.0.0/8 is used), stopped by its own process id.
        $script:Served = Join-Path $TestDrive 'served'
        New-Item -ItemType Directory $script:Served | Out-Null
        Set-Content -LiteralPath (Join-Path $script:Served 'remote.txt') -Value 'first' -NoNewline
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $script:Port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $script:Server = Start-Process python3 -ArgumentList '-m', 'http.server', $script:Port, '--bind', '127.0.0.1', '--directory', $script:Served -PassThru -RedirectStandardError (Join-Path $TestDrive 'http.err') -RedirectStandardOutput (Join-Path $TestDrive 'http.out')
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while ([DateTime]::UtcNow -lt $deadline) {
            try { $null = Invoke-WebRequest "http://127.0.0.1:$script:Port/remote.txt" -TimeoutSec 2; break } catch { Start-Sleep -Milliseconds 200 }
        }
    }

    AfterAll {
        if ($script:Server) { Stop-Process -Id $script:Server.Id -ErrorAction SilentlyContinue }
    }

    It 'extracts a local .tar.gz with its owners and modes, and COPY keeps it as a file' {
        $context = New-Context -Dockerfile @'
FROM $BASE
ADD pkg.tar.gz /opt/
COPY pkg.tar.gz /copy/
RUN test -f /copy/pkg.tar.gz
CMD ["stat", "-c", "%n %u:%g %a", "/opt/pkg", "/opt/pkg/run.sh"]
'@
        $package = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory (Join-Path $package 'pkg') | Out-Null
        Set-Content -LiteralPath (Join-Path $package 'pkg/run.sh') -Value 'echo run' -NoNewline
        chmod 0750 (Join-Path $package 'pkg/run.sh')
        chmod 0711 (Join-Path $package 'pkg')
        tar -czf (Join-Path $context 'pkg.tar.gz') -C $package --owner=1234 --group=2345 --numeric-owner pkg
        $LASTEXITCODE | Should -Be 0
        Build-Image $context -Root $Root -Tag addtar:1 -Network None -ErrorAction Stop
        $output = Start-Container -Image addtar:1 -Root $Root -Network None -Wait -AutoRemove
        $output | Should -Be @('/opt/pkg 1234:2345 711', '/opt/pkg/run.sh 1234:2345 750')
    }

    It 'downloads a URL as a 0600 file and misses the cache when the content changes' {
        $context = New-Context -Dockerfile @"
FROM `$BASE
ADD http://127.0.0.1:$script:Port/remote.txt /dl/
CMD ["sh", "-c", "stat -c '%a %s' /dl/remote.txt && cat /dl/remote.txt && echo"]
"@
        Build-Image $context -Root $Root -Tag addurl:1 -Network None -ErrorAction Stop
        Start-Container -Image addurl:1 -Root $Root -Network None -Wait -AutoRemove | Should -Be @('600 5', 'first')
        Set-Content -LiteralPath (Join-Path $script:Served 'remote.txt') -Value 'second' -NoNewline
        Build-Image $context -Root $Root -Tag addurl:1 -Network None -ErrorAction Stop
        Start-Container -Image addurl:1 -Root $Root -Network None -Wait -AutoRemove | Should -Be @('600 6', 'second')
    }

    It 'fails with BuildDownloadFailed for a missing URL and BuildChecksumMismatch for a wrong --checksum' {
        $missing = New-Context -Dockerfile @"
FROM `$BASE
ADD http://127.0.0.1:$script:Port/nothing-here /dl/
"@
        { Build-Image $missing -Root $Root -Network None -ErrorAction Stop } | Should -Throw -ErrorId 'BuildDownloadFailed*'
        $wrong = New-Context -Dockerfile @"
FROM `$BASE
ADD --checksum=sha256:$('0' * 64) http://127.0.0.1:$script:Port/remote.txt /dl/
"@
        { Build-Image $wrong -Root $Root -Network None -ErrorAction Stop } | Should -Throw -ErrorId 'BuildChecksumMismatch*'
    }
}
