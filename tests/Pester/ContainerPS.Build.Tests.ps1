# Build-Image end to end, as root, with the real runtime for RUN steps and the fixture image test/busybox:latest
# from the loopback registry as the base. buildah bud (Debian's buildah 1.28) builds the same Dockerfiles from the
# same base as the oracle for the config and the root file system.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

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
        $output = Start-Container -Image smoke:1 -Root $Root -Network None -Wait -AutoRemove
        $output | Should -Be 'hello world'
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
