# Installed by name (issue 9): the package that build.ps1 Package (and Test) makes in out/repository, installed the
# way README "Install" says, in a child pwsh whose HOME is a throwaway directory: PSResourceGet keeps its repository
# registrations and CurrentUser installs under HOME (~/.local/share/PSResourceGet, ~/.local/share/powershell/Modules),
# so neither the real user's registrations nor module path are touched. That child then uses the module by name in
# Start-Job, Start-ThreadJob and ForEach-Object -Parallel, and runs a container in a job: the supervisor binary came
# with the package and runs. $env:CONTAINERPS_SHIM (build.ps1 Test points it at the staged binary) is removed there.

BeforeAll {
    function ConvertTo-Literal([string] $Text) { "'" + $Text.Replace("'", "''") + "'" }

    if (-not $env:CONTAINERPS_TEST_REGISTRY) { throw 'CONTAINERPS_TEST_REGISTRY is not set: run these tests through build.ps1 Test.' }
    $script:Reference = "$env:CONTAINERPS_TEST_REGISTRY/test/busybox:latest"
    $script:Version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../ContainerPS.psd1')).ModuleVersion
    $script:Package = Join-Path $PSScriptRoot "../../out/repository/ContainerPS.$Version.nupkg"
    if (-not (Test-Path -LiteralPath $Package)) { throw "No package at $($Package): run build.ps1 -Task Package (Test runs it)." }
    $script:Package = (Resolve-Path -LiteralPath $Package).Path

    # What the user does, then what the user runs; everything the child sees comes back as one object.
    $installAndUse = {
        param([string] $Repository, [string] $Package, [string] $Feed, [string] $Reference, [string] $Root)
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        $result = [ordered]@{}
        $repositoryName = "ContainerPSTest$([guid]::NewGuid().ToString('N'))"
        $feedName = "ContainerPSFeed$([guid]::NewGuid().ToString('N'))"
        Register-PSResourceRepository -Name $repositoryName -Uri $Repository -Trusted
        Register-PSResourceRepository -Name $feedName -Uri $Feed -Trusted
        try {
            $installed = Install-PSResource ContainerPS -Repository $repositoryName -Scope CurrentUser -PassThru -Quiet
            $result.InstalledLocation = $installed.InstalledLocation
            # The package as Publish-PSResource puts it into any file repository.
            Publish-PSResource -NupkgPath $Package -Repository $feedName
            $result.FoundInFeed = (Find-PSResource ContainerPS -Repository $feedName).Version.ToString()
        }
        finally {
            Unregister-PSResourceRepository -Name $repositoryName, $feedName
        }
        $result.RepositoriesLeft = @((Get-PSResourceRepository).Name)
        $result.ModulePath = @($env:PSModulePath -split [IO.Path]::PathSeparator)

        $module = Import-Module ContainerPS -PassThru
        $result.ModuleBase = $module.ModuleBase
        $shim = Join-Path $module.ModuleBase 'containerps-shim'

        $result.PulledInJob = Start-Job { Request-Image $using:Reference -Root $using:Root -PassThru } |
            Receive-Job -Wait -AutoRemoveJob
        $result.RunInJob = Start-Job {
            Start-Container -Image $using:Reference -Root $using:Root -Name packaged -Network None -Command echo, 'hi from the package' -Wait
        } | Receive-Job -Wait -AutoRemoveJob
        $result.ShimModeAfterRun = (Get-Item -LiteralPath $shim).UnixFileMode
        $result.ContainersInJob = Start-Job { Get-Container -Root $using:Root } | Receive-Job -Wait -AutoRemoveJob
        $result.ImagesInThreadJob = Start-ThreadJob { Get-Image -Root $using:Root } | Receive-Job -Wait -AutoRemoveJob
        $result.ImageIdsInParallel = 1..2 | ForEach-Object -Parallel { (Get-Image -Root $using:Root).Id }
        Remove-Container packaged -Root $Root -Confirm:$false
        [pscustomobject]$result
    }

    $work = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'package')).FullName
    $script:ChildHome = (New-Item -ItemType Directory -Path (Join-Path $work 'home')).FullName
    $feed = (New-Item -ItemType Directory -Path (Join-Path $work 'feed')).FullName
    $script:Root = Join-Path $work 'store'
    $script:ResultFile = Join-Path $work 'result.clixml'
    $script:ChildLog = Join-Path $work 'child.log'
    $scriptFile = Join-Path $work 'InstallAndUse.ps1'
    Set-Content -LiteralPath $scriptFile -Value $installAndUse.ToString()
    $runner = "& $(ConvertTo-Literal $scriptFile) -Repository $(ConvertTo-Literal (Split-Path $Package)) -Package $(ConvertTo-Literal $Package) " +
        "-Feed $(ConvertTo-Literal $feed) -Reference $(ConvertTo-Literal $Reference) -Root $(ConvertTo-Literal $Root) | Export-Clixml -LiteralPath $(ConvertTo-Literal $ResultFile)"

    # pwsh's apphost in $PSHOME, as Start-Job starts it; a new HOME, and no module path, store or supervisor inherited.
    $start = [Diagnostics.ProcessStartInfo]::new((Join-Path $PSHOME 'pwsh'))
    foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $runner) { $start.ArgumentList.Add($argument) }
    $start.Environment['HOME'] = $ChildHome
    foreach ($variable in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath', 'CONTAINERPS_SHIM', 'CONTAINERPS_ROOT') {
        $null = $start.Environment.Remove($variable)
    }
    # Publish-PSResource -NupkgPath leaves a NuGet/NuGet.Config in the working directory: keep it in the TestDrive.
    $start.WorkingDirectory = $work
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $child = [Diagnostics.Process]::Start($start)
    $stderr = $child.StandardError.ReadToEndAsync()
    $stdout = $child.StandardOutput.ReadToEnd()
    $child.WaitForExit()
    Set-Content -LiteralPath $ChildLog -Value "exit $($child.ExitCode)`n$stdout`n$($stderr.Result)"
    $script:Result = if ($child.ExitCode -eq 0 -and (Test-Path -LiteralPath $ResultFile)) { Import-Clixml -LiteralPath $ResultFile }
}

Describe 'ContainerPS installed from its package with Install-PSResource' {
    BeforeAll {
        if (-not $Result) { throw "The child pwsh failed: $(Get-Content -Raw -LiteralPath $ChildLog)" }
        $script:ExpectedModuleBase = Join-Path $ChildHome ".local/share/powershell/Modules/ContainerPS/$Version"
    }

    It 'installs into the user module directory of the new HOME, which is on PSModulePath' {
        $Result.InstalledLocation | Should -Be (Join-Path $ChildHome '.local/share/powershell/Modules')
        $Result.ModulePath | Should -Contain $Result.InstalledLocation
    }

    It 'imports by name from there' {
        $Result.ModuleBase | Should -Be $ExpectedModuleBase
    }

    It 'leaves no repository registered behind; Publish-PSResource puts the package into another file repository' {
        $Result.RepositoriesLeft | Should -Not -Match '^ContainerPS(Test|Feed)'
        $Result.FoundInFeed | Should -Be $Version
    }

    It 'pulls an image in Start-Job' {
        $Result.PulledInJob.Names | Should -Contain $Reference
    }

    It 'runs a container in Start-Job with the supervisor from the package, made executable by the engine' {
        $Result.RunInJob | Should -Be 'hi from the package'
        ([IO.UnixFileMode]$Result.ShimModeAfterRun).HasFlag([IO.UnixFileMode]::UserExecute) | Should -BeTrue
    }

    It 'lists the container in Start-Job { Get-Container }' {
        $Result.ContainersInJob.Name | Should -Be 'packaged'
    }

    It 'lists the image in Start-ThreadJob and in ForEach-Object -Parallel' {
        $Result.ImagesInThreadJob.Id | Should -Be $Result.PulledInJob.Id
        $Result.ImageIdsInParallel | Should -Be @($Result.PulledInJob.Id, $Result.PulledInJob.Id)
    }
}
