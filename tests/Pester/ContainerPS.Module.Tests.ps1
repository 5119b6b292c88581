# What the staged module promises without a registry: exports, help, verbs, ShouldProcess, pipeline binding,
# format views, and errors with stable ids. Run against out/ContainerPS (build.ps1 stages it there).

BeforeDiscovery {
    $script:ImageCmdlets = @('Add-ImageTag', 'Build-Image', 'Export-Image', 'Find-Image', 'Get-Image', 'Import-Image', 'New-Image', 'Publish-Image', 'Remove-Image', 'Remove-ImageTag', 'Request-Image')
    $script:ContainerCmdlets = @('Copy-ContainerItem', 'Enter-Container', 'Export-Container', 'Get-Container', 'Get-ContainerChange', 'Get-ContainerHost', 'Get-ContainerLog', 'Get-ContainerProcess',
        'Get-ContainerStats', 'Invoke-ContainerCommand', 'New-Container', 'Remove-Container', 'Rename-Container',
        'Restart-Container', 'Resume-Container', 'Set-Container', 'Start-Container', 'Stop-Container', 'Suspend-Container', 'Wait-Container')
    $script:NetworkCmdlets = @('Get-ContainerNetwork', 'New-ContainerNetwork', 'Remove-ContainerNetwork')
    $script:RegistryCmdlets = @('Connect-Registry', 'Disconnect-Registry')
    $script:AllCmdlets = $ImageCmdlets + $ContainerCmdlets + $NetworkCmdlets + $RegistryCmdlets
    $script:StateChanging = @('Add-ImageTag', 'Build-Image', 'Export-Image', 'Import-Image', 'New-Image', 'Publish-Image', 'Remove-Image', 'Remove-ImageTag', 'Request-Image', 'Export-Container',
        'Copy-ContainerItem', 'Enter-Container', 'Invoke-ContainerCommand', 'New-Container', 'Remove-Container', 'Rename-Container',
        'Restart-Container', 'Resume-Container', 'Set-Container', 'Start-Container', 'Stop-Container', 'Suspend-Container', 'New-ContainerNetwork', 'Remove-ContainerNetwork',
        'Connect-Registry', 'Disconnect-Registry')
    $script:ReadOnly = @('Find-Image', 'Get-Image', 'Get-Container', 'Get-ContainerChange', 'Get-ContainerLog', 'Get-ContainerProcess',
        'Get-ContainerStats', 'Wait-Container', 'Get-ContainerNetwork', 'Get-ContainerHost')
}

BeforeAll {
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop

    # A fresh store path per test; the cmdlets create it (mode 0700) on first use.
    function New-ThrowawayRoot { Join-Path $TestDrive ([guid]::NewGuid().ToString('n')) }

    # The common parameters every cmdlet gets from PowerShell, which the help need not describe.
    $script:CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters +
        [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

AfterAll {
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'The staged module' {
    It 'is imported from out/ContainerPS' {
        (Get-Module ContainerPS).ModuleBase | Should -Be (Resolve-Path $ModulePath).Path
    }

    It 'exports exactly the image and container cmdlets' -ForEach @(@{ Expected = $AllCmdlets }) {
        $exported = (Get-Command -Module ContainerPS -CommandType Cmdlet).Name | Sort-Object
        $exported | Should -Be ($Expected | Sort-Object)
    }

    It 'exports no functions or variables, and Pull-Image as an alias of Request-Image' {
        $module = Get-Module ContainerPS
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
        (Get-Alias Pull-Image).ResolvedCommandName | Should -Be 'Request-Image'
    }

    It 'has a manifest that Test-ModuleManifest accepts, for PowerShell 7.4 Core' {
        $manifest = Test-ModuleManifest (Join-Path $ModulePath 'ContainerPS.psd1') -ErrorAction Stop
        $manifest.Version | Should -Be ([version]'0.1.0')
        $manifest.PowerShellVersion | Should -Be ([version]'7.4')
        $manifest.CompatiblePSEditions | Should -Be 'Core'
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($command in Get-Command -Module ContainerPS -CommandType Cmdlet) {
            $approved | Should -Contain $command.Verb -Because "$($command.Name) must use an approved verb"
        }
    }
}

Describe 'Help for <_>' -ForEach $AllCmdlets {
    BeforeAll {
        $script:Help = Get-Help $_ -Full
        $script:Command = Get-Command $_
    }

    It 'has a synopsis and a description' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -BeLike "$($Command.Name)*" -Because 'a synopsis that only repeats the syntax means no help file was found'
        ($Help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and a remark' {
        @($Help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
            ($example.Remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter and nothing else' {
        $actual = $Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters } | Sort-Object
        $documented = @($Help.Parameters.Parameter | Where-Object { $_.Description.Text }).Name |
            Where-Object { $_ -notin $CommonParameters } | Sort-Object
        $documented | Should -Be $actual
    }

    It 'names its inputs and outputs' {
        @($Help.InputTypes.InputType).Count | Should -BeGreaterOrEqual 1
        @($Help.ReturnValues.ReturnValue).Count | Should -BeGreaterOrEqual 1
    }
}

Describe 'The about topic' {
    It 'is found by Get-Help about_ContainerPS' {
        (Get-Help about_ContainerPS | Out-String) | Should -BeLike '*about_ContainerPS*Request-Image*'
    }
}

Describe 'Confirmation' {
    It '<_> supports -WhatIf and -Confirm' -ForEach $StateChanging {
        $parameters = (Get-Command $_).Parameters
        $parameters.Keys | Should -Contain 'WhatIf'
        $parameters.Keys | Should -Contain 'Confirm'
    }

    It '<_> reads only and takes no -WhatIf' -ForEach $ReadOnly {
        (Get-Command $_).Parameters.Keys | Should -Not -Contain 'WhatIf'
    }

    It 'Remove-Image has ConfirmImpact Medium, so removing a named image does not prompt by default' {
        $attribute = (Get-Command Remove-Image).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::Medium)
    }
}

Describe 'Pipeline binding' {
    It '<Command> -<Parameter> binds from the pipeline by value: <ByValue>, by property name: <ByPropertyName>' -ForEach @(
        @{ Command = 'Request-Image'; Parameter = 'Reference'; ByValue = $true; ByPropertyName = $true }
        @{ Command = 'Publish-Image'; Parameter = 'Reference'; ByValue = $true; ByPropertyName = $true }
        @{ Command = 'Get-Image'; Parameter = 'Reference'; ByValue = $true; ByPropertyName = $false }
        @{ Command = 'Get-Image'; Parameter = 'Id'; ByValue = $false; ByPropertyName = $true }
        @{ Command = 'Remove-Image'; Parameter = 'Reference'; ByValue = $true; ByPropertyName = $false }
        @{ Command = 'Remove-Image'; Parameter = 'InputObject'; ByValue = $true; ByPropertyName = $false }
        @{ Command = 'Remove-Image'; Parameter = 'Id'; ByValue = $false; ByPropertyName = $true }
        @{ Command = 'Add-ImageTag'; Parameter = 'Image'; ByValue = $true; ByPropertyName = $false }
        @{ Command = 'Add-ImageTag'; Parameter = 'Reference'; ByValue = $true; ByPropertyName = $true }
        @{ Command = 'Remove-ImageTag'; Parameter = 'Reference'; ByValue = $true; ByPropertyName = $true }
        @{ Command = 'Find-Image'; Parameter = 'Repository'; ByValue = $true; ByPropertyName = $true }
        @{ Command = 'Connect-Registry'; Parameter = 'Registry'; ByValue = $true; ByPropertyName = $true }
        @{ Command = 'Disconnect-Registry'; Parameter = 'Registry'; ByValue = $true; ByPropertyName = $true }
        @{ Command = 'Export-Image'; Parameter = 'Reference'; ByValue = $true; ByPropertyName = $true }
        @{ Command = 'Import-Image'; Parameter = 'Path'; ByValue = $true; ByPropertyName = $true }
    ) {
        $sets = (Get-Command $Command).Parameters[$Parameter].ParameterSets.Values
        ($sets.ValueFromPipeline -contains $true) | Should -Be $ByValue
        ($sets.ValueFromPipelineByPropertyName -contains $true) | Should -Be $ByPropertyName
    }

    It 'Remove-Image -InputObject and Add-ImageTag -Image take ContainerPS.Image objects' {
        (Get-Command Remove-Image).Parameters['InputObject'].ParameterType.FullName | Should -Be 'ContainerPS.Image[]'
        (Get-Command Add-ImageTag).Parameters['Image'].ParameterType.FullName | Should -Be 'ContainerPS.Image'
    }

    It '<_> accepts wildcards in -Reference' -ForEach @('Get-Image', 'Remove-Image', 'Remove-ImageTag') {
        $attributes = (Get-Command $_).Parameters['Reference'].Attributes
        $attributes.TypeId.Name | Should -Contain 'SupportsWildcardsAttribute'
    }
}

Describe 'Output types and views' {
    It '<Command> declares <Type> as its output' -ForEach @(
        @{ Command = 'Get-Image'; Type = 'ContainerPS.Image' }
        @{ Command = 'Request-Image'; Type = 'ContainerPS.Image' }
        @{ Command = 'Publish-Image'; Type = 'ContainerPS.ImagePushResult' }
        @{ Command = 'Add-ImageTag'; Type = 'ContainerPS.Image' }
        @{ Command = 'Find-Image'; Type = 'ContainerPS.ImageTag' }
        @{ Command = 'Connect-Registry'; Type = 'ContainerPS.RegistryLogin' }
        @{ Command = 'Import-Image'; Type = 'ContainerPS.Image' }
    ) {
        (Get-Command $Command).OutputType.Name | Should -Contain $Type
    }

    It 'ContainerPS.Image carries the properties of docker image inspect' {
        $properties = [ContainerPS.Image].GetProperties().Name
        foreach ($name in 'Id', 'ShortId', 'Reference', 'Names', 'Repository', 'Tag', 'Digest', 'Size', 'Created',
                          'Os', 'Architecture', 'Variant', 'Platform', 'Layers', 'Config', 'History') {
            $properties | Should -Contain $name
        }
    }

    It 'has a table and a list view for ContainerPS.Image and a table for ContainerPS.ImageTag' {
        $controls = { param($type) (Get-FormatData -TypeName $type -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name } }
        & $controls ContainerPS.Image | Should -Be 'TableControl', 'ListControl'
        & $controls ContainerPS.ImageTag | Should -Be 'TableControl'
    }

    It 'formats an image as a docker images row, with placeholders for a dangling image and a human size' {
        $image = [ContainerPS.Image]@{ Id = 'sha256:' + ('ab' * 32); ShortId = 'ababababab' + 'ab'; Size = 5MB; Platform = 'linux/amd64' }
        $table = $image | Format-Table | Out-String
        $table | Should -BeLike '*<none>*<none>*abababababab*5.0 MB*linux/amd64*'
    }
}

Describe 'Get-Image on an empty store' {
    BeforeEach { $script:Root = New-ThrowawayRoot }

    It 'returns nothing and writes no error' {
        $images = Get-Image -Root $Root -ErrorVariable errors
        $images | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'returns nothing for a wildcard that matches no image' {
        Get-Image 'no-such-*' -Root $Root -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'writes a non-terminating ImageNotFound error for a literal name, then goes on with the next name' {
        $null = Get-Image 'no-such-image:1', 'other-missing:2' -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'lists no dangling images' {
        Get-Image -Dangling -Root $Root | Should -BeNullOrEmpty
    }

    It 'Remove-Image -Dangling -WhatIf removes nothing and writes no error' {
        Remove-Image -Dangling -Root $Root -WhatIf -ErrorVariable errors
        $errors | Should -BeNullOrEmpty
    }
}

Describe 'Get-ContainerHost' {
    BeforeAll { $script:HostInfo = Get-ContainerHost -Root (New-ThrowawayRoot) -ErrorAction Stop }

    It 'reports this kernel, architecture and cgroup version' {
        $HostInfo.Kernel | Should -Be (Get-Content /proc/sys/kernel/osrelease)
        $HostInfo.Architecture | Should -Be (uname -m)
        $expected = if ((Get-Content /proc/self/mountinfo) -match ' /sys/fs/cgroup [^-]* - cgroup2 ') { 'V2' } else { 'V1' }
        $HostInfo.CgroupVersion | Should -Be $expected
    }

    It 'says seccomp is available, with the libseccomp the supervisor loads and the default profile' {
        $HostInfo.SeccompEnabled | Should -BeTrue
        # Debian's libseccomp2 package version begins with the library's own.
        $package = (dpkg-query -W -f '${Version}' libseccomp2) -replace '-.*$'
        $HostInfo.SeccompVersion | Should -Be $package
        $HostInfo.SeccompFlags | Should -Contain 'SECCOMP_FILTER_FLAG_LOG'
        $HostInfo.SecurityOptions | Should -Be 'name=seccomp,profile=default', 'name=no-new-privileges'
    }

    It 'counts an empty store and names the supervisor it runs' {
        $HostInfo.Images | Should -Be 0
        $HostInfo.Containers | Should -Be 0
        $HostInfo.Runtime | Should -Be (Join-Path (Get-Module ContainerPS).ModuleBase 'containerps-shim')
    }
}

Describe 'Request-Image input errors' {
    BeforeEach { $script:Root = New-ThrowawayRoot }

    It 'writes InvalidReference (InvalidArgument) for <Reference>' -ForEach @(
        @{ Reference = 'UPPER/Case' }
        @{ Reference = 'busybox:bad tag' }
        @{ Reference = 'busybox@sha256:1234' }
        @{ Reference = 'a//b' }
    ) {
        Request-Image $Reference -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidReference,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.ErrorId | Should -Be 'InvalidReference'
        $errors[0].TargetObject | Should -Be $Reference
    }

    It 'reports each bad reference and goes on with the next one' {
        'Bad!', 'Also Bad' | Request-Image -Root $Root -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 2
        $errors.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'InvalidReference,*' }
    }

    It 'stops with InvalidPlatform for a malformed -Platform' {
        $thrown = { Request-Image busybox -Platform 'linux' -Root $Root -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidPlatform,*'
    }
}

Describe 'Completion of image names' {
    It 'offers nothing for a store that does not exist, and does not create it' {
        $root = New-ThrowawayRoot
        $line = "Get-Image -Root '$root' -Reference "
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches | Should -BeNullOrEmpty
        Test-Path $root | Should -BeFalse
    }
}
