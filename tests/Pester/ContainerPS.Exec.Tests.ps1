# Invoke-ContainerCommand end to end, as root: a real running busybox container from the loopback registry
# (run through build.ps1 Test, which starts it and sets $env:CONTAINERPS_TEST_REGISTRY), the real supervisor's exec.
# No test asserts a duration.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ContainerTestSetup.psm1') -Force -ErrorAction Stop
    Assert-OwnNetworkNamespace
    $script:ModulePath = Join-Path $PSScriptRoot '../../out/ContainerPS'
    Import-Module $ModulePath -Force -ErrorAction Stop
    $script:Image = Get-TestImage
    $script:Root = New-TestStore $TestDrive

    function New-ContainerName { 'x' + [guid]::NewGuid().ToString('n').Substring(0, 10) }

    # Runs the command and splits what came back: stdout strings and the error records by id.
    function Invoke-Exec {
        param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string[]] $Command, [hashtable] $Options = @{})
        $errors = $null
        $output = @(Invoke-ContainerCommand $Name -Command $Command -Root $Root @Options -ErrorVariable errors -ErrorAction SilentlyContinue)
        [pscustomobject]@{
            Stdout = $output
            Stderr = @($errors | Where-Object FullyQualifiedErrorId -Like 'ContainerStderr*' | ForEach-Object { $_.Exception.Message })
            Errors = @($errors | Where-Object FullyQualifiedErrorId -NotLike 'ContainerStderr*')
        }
    }

    $script:Name = New-ContainerName
    $script:Container = Start-Container -Image $Image -Root $Root -Name $Name -Command sleep, 100000 -ErrorAction Stop
}

AfterAll {
    Remove-Container -Root $Root -Name $Name -Force -ErrorAction SilentlyContinue
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Invoke-ContainerCommand' {
    It 'writes the command''s stdout lines as strings and its stderr lines as ContainerStderr errors' {
        $result = Invoke-Exec $Name -Command sh, -c, 'echo one; echo two; echo oops >&2'
        $result.Stdout | Should -Be @('one', 'two')
        $result.Stderr | Should -Be @('oops')
        $result.Errors | Should -BeNullOrEmpty
    }

    It 'runs in the container: its hostname, its pid namespace, its filesystem' {
        $result = Invoke-Exec $Name -Command sh, -c, 'hostname; cat /proc/1/cmdline | tr "\0" " "; echo; test -e /bin/busybox && echo busybox'
        $result.Stdout[0] | Should -Be $Container.Id.Substring(0, 12)
        $result.Stdout[1].Trim() | Should -Be '/bin/sleep 100000'
        $result.Stdout[2] | Should -Be 'busybox'
    }

    It 'reports a non-zero exit in $LASTEXITCODE, and as a ContainerCommandFailed error carrying it with $PSNativeCommandUseErrorActionPreference' {
        $result = Invoke-Exec $Name -Command sh, -c, 'exit 3'
        $result.Errors | Should -BeNullOrEmpty
        $global:LASTEXITCODE | Should -Be 3
        $PSNativeCommandUseErrorActionPreference = $true
        $result = Invoke-Exec $Name -Command sh, -c, 'exit 3'
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerCommandFailed,*'
        $result.Errors[0].Exception.ExitCode | Should -Be 3
    }

    It 'gives exit code and both streams in one object with -PassThru, and a non-zero exit is then no error' {
        $errors = $null
        $r = Invoke-ContainerCommand $Name -Command sh, -c, 'echo out; echo err >&2; exit 7' -Root $Root -PassThru -ErrorVariable errors
        $errors | Should -BeNullOrEmpty
        $r.PSObject.TypeNames[0] | Should -Be 'ContainerPS.ContainerExecResult'
        $r.ExitCode | Should -Be 7
        $r.Output | Should -Be @('out')
        $r.Error | Should -Be @('err')
        $r.ContainerName | Should -Be $Name
        $r.ContainerId | Should -Be $Container.Id
        $r.Command | Should -Be @('sh', '-c', 'echo out; echo err >&2; exit 7')
    }

    It 'gives 128 + the signal when a signal ends the command' {
        (Invoke-ContainerCommand $Name -Command sh, -c, 'kill -KILL $$' -Root $Root -PassThru).ExitCode | Should -Be 137
    }

    It 'runs as the container''s user by default and as -User when given, resolved in the container''s /etc/passwd' {
        (Invoke-Exec $Name -Command id, -u).Stdout | Should -Be '0'
        (Invoke-Exec $Name -Command id, -u -Options @{ User = 'nobody' }).Stdout | Should -Be '65534'
        (Invoke-Exec $Name -Command sh, -c, 'id -u; id -g' -Options @{ User = '1234:4321' }).Stdout | Should -Be @('1234', '4321')
    }

    It 'adds -Environment to the container''s environment and runs in -WorkingDirectory' {
        $result = Invoke-Exec $Name -Command sh, -c, 'echo "$GREETING"; echo "$PATH"; pwd' -Options @{
            Environment = @{ GREETING = 'hello world' }; WorkingDirectory = '/tmp'
        }
        $result.Stdout[0] | Should -Be 'hello world'
        $result.Stdout[1] | Should -Match '/bin'
        $result.Stdout[2] | Should -Be '/tmp'
    }

    It 'writes ExecFailed for a -WorkingDirectory the container does not have, and does not make it (docker exec)' {
        $result = Invoke-Exec $Name -Command pwd -Options @{ WorkingDirectory = '/no/such/directory' }
        $result.Stdout | Should -BeNullOrEmpty
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ExecFailed,*'
        $result.Errors[0].Exception.Message | Should -BeLike '*chdir-cwd*ENOENT*'
        (Invoke-Exec $Name -Command sh, -c, 'test -e /no/such/directory && echo made || echo absent').Stdout | Should -Be 'absent'
    }

    It 'writes ExecFailed for a command the container does not have' {
        $result = Invoke-Exec $Name -Command no-such-command-here
        $result.Stdout | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ExecFailed,*'
    }

    It 'writes UserNotFound for a user the container does not have' {
        $result = Invoke-Exec $Name -Command id -Options @{ User = 'no-such-user' }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'UserNotFound,*'
    }

    It 'binds containers from Get-Container by value' {
        $output = Get-Container -Root $Root -Name $Name | Invoke-ContainerCommand -Command echo, piped -Root $Root
        $output | Should -Be 'piped'
    }

    It 'binds a name from the pipeline and -Id by property name' {
        $Name | Invoke-ContainerCommand -Command echo, byname -Root $Root | Should -Be 'byname'
        [pscustomobject]@{ Id = $Container.Id } | Invoke-ContainerCommand -Command echo, byid -Root $Root | Should -Be 'byid'
    }

    It 'runs nothing with -WhatIf' {
        Invoke-ContainerCommand $Name -Command sh, -c, 'touch /tmp/whatif' -Root $Root -WhatIf
        (Invoke-Exec $Name -Command sh, -c, 'test -e /tmp/whatif && echo yes || echo no').Stdout | Should -Be 'no'
    }

    It 'writes ContainerNotFound for a name no container has' {
        $result = Invoke-Exec 'no-such-container' -Command true
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
    }

    It 'writes ContainerNotRunning for a stopped container' {
        $stopped = New-ContainerName
        New-Container -Image $Image -Root $Root -Name $stopped -Command true -ErrorAction Stop | Out-Null
        try {
            $result = Invoke-Exec $stopped -Command true
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotRunning,*'
            Start-Container -Root $Root -Name $stopped -Wait -ErrorAction Stop
            $result = Invoke-Exec $stopped -Command true
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotRunning,*'
        }
        finally { Remove-Container -Root $Root -Name $stopped -Force }
    }

    It 'leaves no temporary files behind' {
        $before = @(Get-ChildItem ([System.IO.Path]::GetTempPath()) -Filter 'containerps-exec-*' -ErrorAction SilentlyContinue).Count
        Invoke-Exec $Name -Command true | Out-Null
        Invoke-Exec $Name -Command no-such-command-here | Out-Null
        @(Get-ChildItem ([System.IO.Path]::GetTempPath()) -Filter 'containerps-exec-*' -ErrorAction SilentlyContinue).Count | Should -Be $before
    }
}
