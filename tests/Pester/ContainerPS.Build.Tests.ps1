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
