# Request-Image -AsJob (issue 9): a real PowerShell job that Get-Job lists, whose progress, objects and errors
# Receive-Job reads, and that Stop-Job cancels, against the real loopback registry that build.ps1 Test starts
# (tests/fixtures/README.md). Without CONTAINERPS_TEST_REGISTRY and CONTAINERPS_TEST_IMAGES these tests fail.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force -ErrorAction Stop
    if (-not $env:CONTAINERPS_TEST_REGISTRY -or -not $env:CONTAINERPS_TEST_IMAGES) {
        throw 'CONTAINERPS_TEST_REGISTRY and CONTAINERPS_TEST_IMAGES are not set: run these tests through build.ps1 Test.'
    }
    $script:Registry = $env:CONTAINERPS_TEST_REGISTRY
    $script:Catalog = (Get-Content -Raw $env:CONTAINERPS_TEST_IMAGES | ConvertFrom-Json).images

    function New-ThrowawayRoot { Join-Path $TestDrive ([guid]::NewGuid().ToString('n')) }

    function Get-CatalogImage([string] $Name) {
        $image = $Catalog | Where-Object name -eq $Name
        if (-not $image) { throw "images.json has no image named '$Name'." }
        $image
    }

    # A guard against a job that never ends, not an assertion on time.
    function Wait-JobEnd($Job) { $null = $Job | Wait-Job -Timeout 600 }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -eq 'ContainerPSJob' | Remove-Job -Force
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Request-Image -AsJob' {
    BeforeAll {
        $script:Busybox = Get-CatalogImage 'busybox'
        $script:Root = New-ThrowawayRoot
        $script:Job = Request-Image $Busybox.reference -Root $Root -AsJob -PassThru
        $script:Listed = @(Get-Job | Where-Object InstanceId -eq $Job.InstanceId)
        Wait-JobEnd $Job
        $script:Progress = @($Job.Progress)
        $script:Received = @($Job | Receive-Job -ErrorVariable receiveErrors -ErrorAction SilentlyContinue)
        $script:ReceiveErrors = $receiveErrors
    }

    It 'writes one job, which Get-Job lists' {
        $Job | Should -BeOfType ([ContainerPS.Jobs.ContainerPSJob])
        $Listed.Count | Should -Be 1
        $Listed[0].PSJobTypeName | Should -Be 'ContainerPSJob'
        $Listed[0].Command | Should -Be "Request-Image $($Busybox.reference)"
    }

    It 'ends Completed, and Receive-Job returns the pulled image without errors' {
        $Job.State | Should -Be 'Completed'
        $ReceiveErrors | Should -BeNullOrEmpty
        $Received.Count | Should -Be 1
        $Received[0].Id | Should -Be $Busybox.configDigest
        (Get-Image $Busybox.reference -Root $Root -ErrorAction Stop).Id | Should -Be $Busybox.configDigest
        $Job.HasMoreData | Should -BeFalse
    }

    It 'records the nested progress of the pull: a bar for the image, a child bar per layer, all completed' {
        $parents = @($Progress | Where-Object ParentActivityId -eq -1)
        $layers = @($Progress | Where-Object ParentActivityId -ne -1)
        $parents.Activity | Select-Object -Unique | Should -Be "Pulling $($Busybox.reference)"
        $layers.Count | Should -BeGreaterThan 0
        $layers.ParentActivityId | Select-Object -Unique | Should -Be $parents[0].ActivityId
        $parents[-1].RecordType | Should -Be 'Completed'
        $layers | Where-Object RecordType -eq 'Completed' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Request-Image -AsJob of several references, one of them missing' {
    BeforeAll {
        $script:Busybox = Get-CatalogImage 'busybox'
        $script:Root = New-ThrowawayRoot
        $missing = "$Registry/test/busybox:no-such-tag"
        $script:Job = $Busybox.reference, $missing | Request-Image -Root $Root -AsJob -PassThru
        Wait-JobEnd $Job
        $script:Received = @($Job | Receive-Job -ErrorVariable receiveErrors -ErrorAction SilentlyContinue)
        $script:ReceiveErrors = $receiveErrors
    }

    It 'runs every piped reference in one job' {
        @($Job).Count | Should -Be 1
    }

    It 'pulls the others, gives the missing one as an ImageNotFound error record, and ends Failed' {
        $Received.Id | Should -Be $Busybox.configDigest
        $ReceiveErrors.Count | Should -Be 1
        $ReceiveErrors[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,ContainerPS.Commands.RequestImageCommand' -Because 'the id is as without -AsJob'
        $ReceiveErrors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $Job.State | Should -Be 'Failed'
    }
}

Describe 'Request-Image -AsJob -WhatIf' {
    It 'starts no job' {
        $before = @(Get-Job).Count
        Request-Image (Get-CatalogImage 'busybox').reference -Root (New-ThrowawayRoot) -AsJob -WhatIf | Should -BeNullOrEmpty
        @(Get-Job).Count | Should -Be $before
    }
}

Describe 'Stop-Job on a pull of the manyfiles image' {
    BeforeAll {
        $script:Expected = Get-CatalogImage 'manyfiles'
        $bigLayer = $Expected.layerDigests[1]
        # Stop as soon as part of the big layer is on disk. The pull may win the race and finish first; then try again
        # with a fresh root.
        $script:Stopped = $null
        foreach ($attempt in 1..5) {
            $root = New-ThrowawayRoot
            $partial = Join-Path $root "ingest/$(Get-DigestHex $bigLayer).partial"
            $job = Request-Image $Expected.reference -Root $root -AsJob
            $null = Wait-Condition -IntervalMilliseconds 2 {
                $job.State -ne 'Running' -or ((Test-Path -LiteralPath $partial) -and (Get-Item -LiteralPath $partial).Length -gt 0)
            }
            $job | Stop-Job
            # Stop-Job returns once the job has ended.
            $stateAfterStop = $job.State
            if ($stateAfterStop -eq 'Stopped') {
                $script:Stopped = [pscustomobject]@{ Job = $job; Root = $root; StateAfterStop = $stateAfterStop }
                break
            }
            Write-Host "Attempt $attempt did not stop the pull in the middle (state $stateAfterStop); retrying."
            Wait-JobEnd $job
        }
        if (-not $Stopped) { throw 'No pull of test/manyfiles could be stopped in the middle in 5 attempts.' }
        $script:Root = $Stopped.Root
    }

    It 'is Stopped when Stop-Job returns' {
        $Stopped.StateAfterStop | Should -Be 'Stopped'
        $Stopped.Job.JobStateInfo.State | Should -Be 'Stopped'
    }

    It 'lists no image, commits only blobs that hash to their name, and leaves no unfinished snapshot' {
        Get-Image -Root $Root | Should -BeNullOrEmpty
        Get-StoreBlob $Root | Where-Object { $_.Claimed -ne $_.Actual } | Should -BeNullOrEmpty
        Get-ChildItem -Force -LiteralPath (Join-Path $Root 'snapshots') -Filter '.tmp-*' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'writes no error: a stopped pull is not a failed one' {
        $Stopped.Job.Error | Should -BeNullOrEmpty
    }
}
