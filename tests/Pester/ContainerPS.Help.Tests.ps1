# The help a user meets with Get-Help, for every exported cmdlet of the staged module (out/ContainerPS): synopsis,
# description, every parameter, examples, INPUTS and OUTPUTS naming real .NET types that agree with the cmdlet's
# pipeline parameters and [OutputType], and related links. Also that about_ContainerPS names what really exists.
# Needs no registry: the help is en-US/ContainerPS.dll-Help.xml and en-US/about_ContainerPS.help.txt as staged.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    $script:Cmdlets = @((Get-Command -Module ContainerPS -CommandType Cmdlet).Name | Sort-Object)
}

BeforeAll {
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop

    # The common parameters every cmdlet gets from PowerShell, which the help need not describe.
    $script:CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters +
        [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    # INPUTS and OUTPUTS name types by their full name, as PowerShell's own help does (System.String, not String).
    function Resolve-HelpTypeName([string] $Name) {
        $type = $Name -as [type]
        if ($type -and $type.FullName -eq $Name) { $type }
    }

    function Get-HelpText($Node) { (@($Node) | ForEach-Object { $_.Text }) -join ' ' }

    # The type a pipeline parameter takes one item of: String for String[].
    function Get-ItemType([type] $Type) { if ($Type.IsArray) { $Type.GetElementType() } else { $Type } }

    function Get-PipelineParameter($Command, [switch] $ByValue) {
        $Command.Parameters.Values | Where-Object {
            $attributes = $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
            if ($ByValue) { $attributes | Where-Object ValueFromPipeline }
            else { $attributes | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } }
        }
    }
}

AfterAll {
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Help for <_>' -ForEach $Cmdlets {
    BeforeAll {
        $script:Help = Get-Help $_ -Full
        $script:Command = Get-Command $_
        $script:OwnParameters = @($Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters } | Sort-Object)
    }

    It 'has a synopsis that is not just the syntax' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis.Trim() | Should -Not -BeLike "$($Command.Name)*" -Because 'a synopsis that only repeats the syntax means no help was found'
    }

    It 'has a description' {
        (Get-HelpText $Help.Description).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter the cmdlet has' {
        $described = @($Help.Parameters.Parameter | Where-Object { (Get-HelpText $_.Description).Trim() }).Name
        foreach ($name in $OwnParameters) {
            $described | Should -Contain $name -Because "-$name is a parameter of $($Command.Name)"
        }
    }

    It 'describes no parameter the cmdlet lacks, in the parameter list or the syntax' {
        $helpParameters = @($Help.Parameters.Parameter.Name) + @($Help.Syntax.SyntaxItem.Parameter.Name) | Sort-Object -Unique
        foreach ($name in $helpParameters | Where-Object { $_ -notin $CommonParameters }) {
            $OwnParameters | Should -Contain $name -Because "the help of $($Command.Name) describes -$name"
        }
    }

    It 'says which parameters accept pipeline input, and how, as the cmdlet does' {
        foreach ($helpParameter in $Help.Parameters.Parameter | Where-Object { $_.Name -in $OwnParameters }) {
            $attributes = $Command.Parameters[$helpParameter.Name].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
            $ways = @(if ($attributes | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' }
                if ($attributes | Where-Object ValueFromPipeline) { 'ByValue' })
            $expected = if ($ways) { "True ($($ways -join ', '))" } else { 'False' }
            $helpParameter.PipelineInput | Should -Be $expected -Because "-$($helpParameter.Name) of $($Command.Name)"
        }
    }

    It 'has at least two examples, each with code and a remark' {
        @($Help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
            (Get-HelpText $example.Remarks).Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'names real types under INPUTS, each a type that its pipeline parameters take' {
        $names = @($Help.InputTypes.InputType.Type.Name | ForEach-Object { $_.Trim() })
        $names | Should -Not -BeNullOrEmpty
        foreach ($name in $names | Where-Object { $_ -ne 'None' }) {
            Resolve-HelpTypeName $name | Should -Not -BeNullOrEmpty -Because "INPUTS names '$name', which must be the full name of a type"
        }
        foreach ($parameter in Get-PipelineParameter $Command -ByValue) {
            $names | Should -Contain (Get-ItemType $parameter.ParameterType).FullName -Because "-$($parameter.Name) takes pipeline input by value"
        }
        if (Get-PipelineParameter $Command) { $names | Should -Not -Contain 'None' }
        else { $names | Should -Be @('None') -Because "$($Command.Name) takes no pipeline input" }
    }

    It 'names real types under OUTPUTS, the same as its [OutputType]' {
        $names = @($Help.ReturnValues.ReturnValue.Type.Name | ForEach-Object { $_.Trim() })
        $names | Should -Not -BeNullOrEmpty
        $typeNames = foreach ($name in $names | Where-Object { $_ -ne 'None' }) {
            Resolve-HelpTypeName $name | Should -Not -BeNullOrEmpty -Because "OUTPUTS names '$name', which must be the full name of a type"
            $name
        }
        $declared = @($Command.OutputType.Name | Where-Object { $_ -ne 'System.Void' })
        @($typeNames | Sort-Object -Unique) | Should -Be @($declared | Sort-Object -Unique) -Because 'OUTPUTS and [OutputType] must agree'
        if (-not $declared) { $names | Should -Be @('None') }
    }

    It 'has related links: ContainerPS commands or topics by name, other pages by an absolute https URI' {
        $links = @($Help.RelatedLinks.NavigationLink)
        $links | Should -Not -BeNullOrEmpty
        foreach ($link in $links) {
            if ($link.Uri) {
                $uri = $null
                [uri]::TryCreate($link.Uri, [System.UriKind]::Absolute, [ref] $uri) | Should -BeTrue -Because "'$($link.Uri)' must be an absolute URI"
                $uri.Scheme | Should -Be 'https'
                $link.LinkText | Should -Not -BeNullOrEmpty -Because "the link to $($link.Uri) needs a text"
            }
            elseif ($link.LinkText -like 'about_*') {
                Get-Help $link.LinkText -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty -Because "$($link.LinkText) must be a help topic"
            }
            else {
                Get-Command $link.LinkText -Module ContainerPS -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty -Because "'$($link.LinkText)' has no URI, so it must be a ContainerPS command"
            }
        }
    }

    It 'links at least one page outside the module (the OCI specs or docker''s reference)' {
        @($Help.RelatedLinks.NavigationLink | Where-Object Uri) | Should -Not -BeNullOrEmpty
    }
}

Describe 'The about_ContainerPS topic' {
    BeforeAll {
        $script:About = Get-Content -Raw (Join-Path $ModulePath 'en-US/about_ContainerPS.help.txt')
        $script:Exported = @((Get-Command -Module ContainerPS -CommandType Cmdlet).Name)
    }

    It 'is found by Get-Help' {
        (Get-Help about_ContainerPS | Out-String) | Should -BeLike '*about_ContainerPS*Request-Image*'
    }

    It 'lists every exported cmdlet' {
        foreach ($name in $Exported) { $About | Should -Match "\b$([regex]::Escape($name))\b" }
    }

    It 'names only cmdlets that exist' {
        $named = [regex]::Matches($About, '\b[A-Z][a-z]+-(?:Container|Image)\w*\b').Value | Sort-Object -Unique
        foreach ($name in $named) { $Exported | Should -Contain $name }
    }

    It 'describes only types that exist, with properties they have' {
        # The Objects section: "ContainerPS.<Type>  Prop, Prop, ... (remark)." entries, wrapped over lines.
        $section = [regex]::Match($About, '(?ms)^\s+Objects\s*$(.*?)^\s+Errors\s*$').Groups[1].Value
        $entries = [regex]::Matches($section, '(ContainerPS\.\w+)\s+([^.]+)\.')
        $entries.Count | Should -BeGreaterThan 0
        foreach ($entry in $entries) {
            $type = Resolve-HelpTypeName $entry.Groups[1].Value
            $type | Should -Not -BeNullOrEmpty -Because "about_ContainerPS describes $($entry.Groups[1].Value)"
            $properties = ($entry.Groups[2].Value -replace '\([^)]*\)', '') -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ }
            foreach ($property in $properties) {
                $type.GetProperty($property) | Should -Not -BeNullOrEmpty -Because "about_ContainerPS says $($type.FullName) has $property"
            }
        }
    }

    It 'describes every ContainerPS type a cmdlet outputs' {
        $outputTypes = (Get-Command -Module ContainerPS -CommandType Cmdlet).OutputType.Name | Where-Object { $_ -like 'ContainerPS.*' } | Sort-Object -Unique
        foreach ($name in $outputTypes) { $About | Should -Match "\b$([regex]::Escape($name))\b" }
    }
}
