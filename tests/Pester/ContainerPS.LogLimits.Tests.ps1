# -LogMaxSize and -LogMaxFiles (docker json-file's max-size and max-file) end to end, as root, with the real
# supervisor rotating ctr.log and Get-ContainerLog reading across the rotated files, on the fixture image
# test/busybox:latest from the loopback registry that build.ps1 Test starts.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-Name { 'lg' + [guid]::NewGuid().ToString('n').Substring(0, 10) }
    function Get-LogFiles($Container) { @(Get-ChildItem (Join-Path $Root "containers/$($Container.Id)") -Filter 'ctr.log*') }

    # 2000 numbered lines of about 70 bytes each in json-file form: 140 kB, 34 times the 4 KiB limit.
    $script:Chatty = Start-Container -Image $Image -Root $Root -Name (New-Name) -Network None -LogMaxSize 4KB -LogMaxFiles 3 `
        -Command sh, -c, 'i=1; while [ $i -le 2000 ]; do echo "line $i"; i=$((i+1)); done' -PassThru -ErrorAction Stop
    $null = Wait-Container $Chatty.Name -Root $Root
}

AfterAll {
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'A container''s log is bounded' {
    AfterAll { Remove-TestContainers $Root } # per Describe: see ContainerTestSetup.psm1

    It 'keeps at most -LogMaxFiles files, none above -LogMaxSize' {
        $files = Get-LogFiles $Chatty
        ($files.Name | Sort-Object) | Should -Be @('ctr.log', 'ctr.log.1', 'ctr.log.2')
        $files | ForEach-Object { $_.Length | Should -BeLessOrEqual 4096 }
        ($files | Measure-Object Length -Sum).Sum | Should -BeLessOrEqual (3 * 4096)
    }

    It 'reads the kept lines across the files, oldest first, ending with the last line' {
        $lines = @(Get-ContainerLog $Chatty.Name -Root $Root).Message
        $lines[-1] | Should -Be 'line 2000'
        $first = [int]($lines[0] -replace 'line ')
        $first | Should -BeGreaterThan 1 -Because 'the oldest lines were rotated away'
        $lines | Should -Be @($first..2000 | ForEach-Object { "line $_" }) -Because 'no line is lost or repeated between the kept files'
        (Get-ContainerLog $Chatty.Name -Root $Root -Tail 3).Message | Should -Be @('line 1998', 'line 1999', 'line 2000')
    }

    It 'follows the log across rotations with -Wait: every line once, in order' {
        # Bursts of 20 lines (under one file's 58) with a pause between: the follower keeps up, whatever rotates.
        $script_ = 'i=1; while [ $i -le 400 ]; do echo "line $i"; [ $((i % 20)) = 0 ] && sleep 0.05; i=$((i+1)); done'
        $followed = @(Start-Container -Image $Image -Root $Root -Name (New-Name) -Network None -LogMaxSize 4KB -LogMaxFiles 2 `
            -Command sh, -c, $script_ -Wait -ErrorAction Stop)
        $followed | Should -Be @(1..400 | ForEach-Object { "line $_" })
    }

    It 'gives a container 20 MiB times 5 files unless told otherwise' {
        $plain = New-Container -Image $Image -Root $Root -Name (New-Name) -Network None -Command true
        $config = Get-Content (Join-Path $Root "containers/$($plain.Id)/config.json") -Raw | ConvertFrom-Json -AsHashtable
        $config.annotations['io.containerps.log.max-size'] | Should -Be (20MB).ToString()
        $config.annotations['io.containerps.log.max-files'] | Should -Be '5'
    }

    It 'refuses a size below a page' {
        { New-Container -Image $Image -Root $Root -Network None -Command true -LogMaxSize 100 -ErrorAction Stop } |
            Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
    }
}
