# Connect-Registry and Disconnect-Registry (docker login and logout) against a real docker-registry on loopback that
# asks for Basic auth (htpasswd), with skopeo as the peer that reads what they write and writes what pulls read, and
# the real docker-credential-pass (a throwaway gpg key and pass store) as the credential helper.
# $env:DOCKER_CONFIG points at a fresh directory in every test: the user's ~/.docker is never read or written.
# Needs the test setup's registry and images (build.ps1 Test): the protected registry is filled from it by skopeo.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/ContainerPS') -Force -ErrorAction Stop
    Import-Module (Join-Path $PSScriptRoot '../fixtures/TestRegistry.psm1') -Force -ErrorAction Stop

    if (-not $env:CONTAINERPS_TEST_REGISTRY -or -not $env:CONTAINERPS_TEST_IMAGES) {
        throw 'CONTAINERPS_TEST_REGISTRY and CONTAINERPS_TEST_IMAGES are not set: run these tests through build.ps1 Test.'
    }
    $script:User = 'alice'
    $script:Password = 'pa:ss w0rd'
    $script:Credential = [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
    $script:WrongCredential = [pscredential]::new($User, (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
    $script:ExpectedAuth = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${User}:$Password"))

    $stateDirectory = Join-Path $TestDrive 'protected-registry'
    $null = New-Item -ItemType Directory -Path $stateDirectory
    $htpasswd = Join-Path $stateDirectory 'htpasswd'
    htpasswd -Bbn $User $Password | Set-Content -Path $htpasswd
    if ($LASTEXITCODE -ne 0) { throw 'htpasswd failed (apt-get install apache2-utils)' }
    $script:Protected = Start-TestRegistry -StateDirectory $stateDirectory -HtpasswdPath $htpasswd
    $script:RegistryHost = $Protected.Address

    $busybox = (Get-Content -Raw $env:CONTAINERPS_TEST_IMAGES | ConvertFrom-Json).images | Where-Object name -eq 'busybox'
    $script:ImageReference = "$RegistryHost/login/busybox:1"
    $copy = skopeo copy --quiet --src-tls-verify=false --dest-tls-verify=false --dest-creds "${User}:$Password" `
        "docker://$($env:CONTAINERPS_TEST_REGISTRY)/$($busybox.repository):$($busybox.tag)" "docker://$ImageReference" 2>&1
    if ($LASTEXITCODE -ne 0) { throw "skopeo copy to the protected registry failed: $copy" }
    $script:ImageDigest = (skopeo inspect --tls-verify=false --creds "${User}:$Password" "docker://$ImageReference" | ConvertFrom-Json).Digest

    $script:SavedDockerConfig = $env:DOCKER_CONFIG

    # Docker's config.json as other tools leave it: every key must survive a login and a logout.
    $script:OtherKeys = '{"auths":{"other.test:5000":{"auth":"b3RoZXI6cHc="}},"psFormat":"table {{.ID}}","proxies":{"default":{"noProxy":"127.0.0.1"}}}'

    function Get-Config { Get-Content -Raw $ConfigPath | ConvertFrom-Json -AsHashtable }

    function Get-ConfigDirectoryEntry { @(Get-ChildItem -LiteralPath $env:DOCKER_CONFIG -Force | ForEach-Object Name) }

    function Assert-OtherKeysKept {
        $config = Get-Config
        $config.auths['other.test:5000'].auth | Should -Be 'b3RoZXI6cHc='
        $config.psFormat | Should -Be 'table {{.ID}}'
        $config.proxies.default.noProxy | Should -Be '127.0.0.1'
    }

    # Pulls the protected image into a fresh store with whatever config.json holds; returns the error record, if any.
    function Invoke-ProtectedPull {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $failures = $null
        $image = Request-Image $ImageReference -Root $root -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        [pscustomobject]@{ Image = $image; Error = @($failures)[0] }
    }

    function Invoke-Skopeo {
        $output = & skopeo @args 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = "$output" }
    }
}

AfterAll {
    if ($Protected) { Stop-TestRegistry $Protected }
    $env:DOCKER_CONFIG = $SavedDockerConfig
    Remove-Module ContainerPS -ErrorAction SilentlyContinue
}

Describe 'Registry login' {
    BeforeEach {
        $env:DOCKER_CONFIG = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $env:DOCKER_CONFIG
        $script:ConfigPath = Join-Path $env:DOCKER_CONFIG 'config.json'
    }

    Describe 'Connect-Registry with the right password' {
        It 'stores auths[host].auth in a 0600 config.json, keeps the other keys, and skopeo logs in with it' {
            Set-Content -Path $ConfigPath -Value $OtherKeys -NoNewline

            $login = Connect-Registry $RegistryHost -Credential $Credential -PassThru

            $login.Registry | Should -Be $RegistryHost
            $login.Username | Should -Be $User
            $login.StoredIn | Should -Be 'config.json'
            $login.ConfigPath | Should -Be $ConfigPath
            (Get-Config).auths[$RegistryHost].auth | Should -Be $ExpectedAuth
            Assert-OtherKeysKept
            (Get-Item $ConfigPath).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
            Get-ConfigDirectoryEntry | Should -Be @('config.json')
            $inspect = Invoke-Skopeo inspect --authfile $ConfigPath --tls-verify=false "docker://$ImageReference"
            $inspect.ExitCode | Should -Be 0 -Because $inspect.Output
            ($inspect.Output | ConvertFrom-Json).Digest | Should -Be $ImageDigest
            (Invoke-Skopeo login --get-login --authfile $ConfigPath $RegistryHost).Output | Should -Be $User
        }

        It 'writes a ContainerPS.RegistryLogin whose table fits 120 columns, live and deserialized' {
            $login = Connect-Registry $RegistryHost -Credential $Credential -PassThru
            $copy = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($login))

            foreach ($object in $login, $copy) {
                $lines = @(($object | Out-String -Width 120) -split "`r?`n" | Where-Object { $_ })
                $lines[0] | Should -Match '^Registry\s+Username\s+StoredIn\s+ConfigPath'
                $lines[2] | Should -BeLike "$RegistryHost*$User*config.json*"
                $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
            }
            "$login" | Should -Be "$User@$RegistryHost"
        }

        It 'creates the config directory 0700 when there is none' {
            Remove-Item -LiteralPath $env:DOCKER_CONFIG

            Connect-Registry $RegistryHost -Credential $Credential

            (Get-Item $env:DOCKER_CONFIG).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
            (Get-Config).auths[$RegistryHost].auth | Should -Be $ExpectedAuth
        }

        It 'lets Request-Image pull from the protected registry without -Credential, which it refuses before' {
            $before = Invoke-ProtectedPull
            $before.Error.FullyQualifiedErrorId | Should -BeLike 'RegistryUnauthorized,*'

            Connect-Registry $RegistryHost -Credential $Credential
            $after = Invoke-ProtectedPull

            $after.Error | Should -BeNullOrEmpty
            $after.Image.ManifestDigest | Should -Be $ImageDigest
        }
    }

    Describe 'What a peer writes' {
        It 'Request-Image uses the login skopeo stored in config.json' {
            $login = Invoke-Skopeo login --authfile $ConfigPath --tls-verify=false -u $User -p $Password $RegistryHost
            $login.ExitCode | Should -Be 0 -Because $login.Output

            $pull = Invoke-ProtectedPull

            $pull.Error | Should -BeNullOrEmpty
            $pull.Image.ManifestDigest | Should -Be $ImageDigest
        }
    }

    Describe 'Connect-Registry that fails' {
        It 'with a wrong password is a terminating RegistryUnauthorized and changes no byte' {
            Set-Content -Path $ConfigPath -Value $OtherKeys -NoNewline
            $bytes = [IO.File]::ReadAllBytes($ConfigPath)

            $thrown = { Connect-Registry $RegistryHost -Credential $WrongCredential } | Should -Throw -PassThru

            $thrown.FullyQualifiedErrorId | Should -BeLike 'RegistryUnauthorized,*'
            $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
            [IO.File]::ReadAllBytes($ConfigPath) | Should -Be $bytes
            Get-ConfigDirectoryEntry | Should -Be @('config.json')
        }

        It 'to a registry that is not there is RegistryUnavailable and writes nothing' {
            $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $listener.Start()
            $port = ([Net.IPEndPoint]$listener.LocalEndpoint).Port
            $listener.Stop()

            $thrown = { Connect-Registry "127.0.0.1:$port" -Credential $Credential } | Should -Throw -PassThru

            $thrown.FullyQualifiedErrorId | Should -BeLike 'RegistryUnavailable,*'
            Get-ConfigDirectoryEntry | Should -BeNullOrEmpty
        }

        It 'with a registry that is not a host name is InvalidRegistry' {
            { Connect-Registry 'user@host' -Credential $Credential } | Should -Throw -ErrorId 'InvalidRegistry,*'
        }

        It 'without -Credential, where nobody answers the prompt, is RegistryUserMissing and writes nothing' {
            # A child pwsh whose stdin is closed: the host's credential prompt reads nothing.
            $module = (Resolve-Path (Join-Path $PSScriptRoot '../../out/ContainerPS')).Path
            $script = "Import-Module '$module'; try { Connect-Registry '$RegistryHost' } catch { `$_.FullyQualifiedErrorId }"
            $start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
            if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
            foreach ($argument in '-NoProfile', '-Command', $script) { $start.ArgumentList.Add($argument) }
            $start.RedirectStandardInput = $true
            $start.RedirectStandardOutput = $true
            $child = [Diagnostics.Process]::Start($start)
            $child.StandardInput.Close()
            $output = $child.StandardOutput.ReadToEnd()
            $child.WaitForExit()

            $output | Should -BeLike '*RegistryUserMissing,*'
            Get-ConfigDirectoryEntry | Should -BeNullOrEmpty
        }

        It 'with -WhatIf asks nothing and writes nothing' {
            Connect-Registry $RegistryHost -Credential $WrongCredential -WhatIf

            Get-ConfigDirectoryEntry | Should -BeNullOrEmpty
        }
    }

    Describe 'Disconnect-Registry' {
        It 'removes the entry, keeps the other keys, and the next pull is refused' {
            Set-Content -Path $ConfigPath -Value $OtherKeys -NoNewline
            Connect-Registry $RegistryHost -Credential $Credential

            Disconnect-Registry $RegistryHost

            (Get-Config).auths.Keys | Should -Not -Contain $RegistryHost
            Assert-OtherKeysKept
            (Get-Item $ConfigPath).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
            (Invoke-ProtectedPull).Error.FullyQualifiedErrorId | Should -BeLike 'RegistryUnauthorized,*'
            (Invoke-Skopeo inspect --authfile $ConfigPath --tls-verify=false "docker://$ImageReference").ExitCode | Should -Not -Be 0
        }

        It 'of a registry it is not logged in to is no error and writes nothing' {
            Set-Content -Path $ConfigPath -Value $OtherKeys -NoNewline

            $verbose = Disconnect-Registry $RegistryHost -Verbose 4>&1

            # The last verbose record is the cmdlet's own; ShouldProcess writes one before it.
            "$(@($verbose)[-1])" | Should -Be "Not logged in to $RegistryHost."
            Get-Content -Raw $ConfigPath | Should -Be $OtherKeys
        }

        It 'with -WhatIf erases nothing' {
            Connect-Registry $RegistryHost -Credential $Credential

            Disconnect-Registry $RegistryHost -WhatIf

            (Get-Config).auths[$RegistryHost].auth | Should -Be $ExpectedAuth
        }

        It 'takes the registry from Connect-Registry -PassThru by property name' {
            Connect-Registry $RegistryHost -Credential $Credential -PassThru | Disconnect-Registry

            (Get-Config).auths.Keys | Should -Not -Contain $RegistryHost
        }
    }

    Describe 'With credsStore pass (docker-credential-pass)' {
        BeforeAll {
            $script:SavedGnupgHome = $env:GNUPGHOME
            $script:SavedStoreDir = $env:PASSWORD_STORE_DIR
            $env:GNUPGHOME = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "cps-gpg-$(Get-Random)")).FullName
            [IO.File]::SetUnixFileMode($env:GNUPGHOME, 'UserRead, UserWrite, UserExecute')
            $env:PASSWORD_STORE_DIR = Join-Path $TestDrive 'pass-store'
            gpg --batch --quiet --passphrase '' --quick-gen-key 'containerps test <test@containerps.invalid>' default default never 2>&1 | Out-Null
            $fingerprint = (gpg --list-keys --with-colons 2>$null | Where-Object { $_ -like 'fpr:*' } | Select-Object -First 1).Split(':')[9]
            pass init $fingerprint | Out-Null
            if ($LASTEXITCODE -ne 0) { throw 'pass init failed' }
            $script:PassEntry = "docker-credential-helpers/$([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($RegistryHost)))/$User"
        }

        AfterAll {
            gpgconf --kill gpg-agent
            Remove-Item -LiteralPath $env:GNUPGHOME -Recurse -Force
            $env:GNUPGHOME = $SavedGnupgHome
            $env:PASSWORD_STORE_DIR = $SavedStoreDir
        }

        It 'puts the secret in pass and only an empty auths entry in config.json; pulls use it; Disconnect erases it' {
            Set-Content -Path $ConfigPath -Value '{"credsStore":"pass","psFormat":"x"}' -NoNewline

            $login = Connect-Registry $RegistryHost -Credential $Credential -PassThru

            $login.StoredIn | Should -Be 'docker-credential-pass'
            pass show $PassEntry | Should -Be $Password
            $config = Get-Config
            $config.auths[$RegistryHost].Count | Should -Be 0
            $config.credsStore | Should -Be 'pass'
            $config.psFormat | Should -Be 'x'
            Get-Content -Raw $ConfigPath | Should -Not -BeLike "*$ExpectedAuth*"
            (Invoke-ProtectedPull).Error | Should -BeNullOrEmpty

            Disconnect-Registry $RegistryHost

            pass ls docker-credential-helpers 2>&1 | Should -Not -Match ([regex]::Escape($User))
            (Get-Config).auths.Keys | Should -Not -Contain $RegistryHost
            (Invoke-ProtectedPull).Error.FullyQualifiedErrorId | Should -BeLike 'RegistryUnauthorized,*'
        }

        It 'a wrong password leaves pass and config.json as they were' {
            Set-Content -Path $ConfigPath -Value '{"credsStore":"pass"}' -NoNewline

            { Connect-Registry $RegistryHost -Credential $WrongCredential } | Should -Throw -ErrorId 'RegistryUnauthorized,*'

            Get-Content -Raw $ConfigPath | Should -Be '{"credsStore":"pass"}'
            @(Get-ChildItem -LiteralPath $env:PASSWORD_STORE_DIR -Recurse -File -Filter '*.gpg') | Should -BeNullOrEmpty
        }

        It 'with credHelpers[host] pass, skopeo gets the secret Connect-Registry put in pass' {
            # skopeo (containers/image) follows credHelpers but not credsStore, so the peer check uses credHelpers.
            Set-Content -Path $ConfigPath -Value "{`"credHelpers`":{`"$RegistryHost`":`"pass`"}}" -NoNewline

            Connect-Registry $RegistryHost -Credential $Credential

            (Get-Config).auths[$RegistryHost].Count | Should -Be 0
            $inspect = Invoke-Skopeo inspect --authfile $ConfigPath --tls-verify=false "docker://$ImageReference"
            $inspect.ExitCode | Should -Be 0 -Because $inspect.Output
            ($inspect.Output | ConvertFrom-Json).Digest | Should -Be $ImageDigest
            Disconnect-Registry $RegistryHost
            (Invoke-Skopeo inspect --authfile $ConfigPath --tls-verify=false "docker://$ImageReference").ExitCode | Should -Not -Be 0
        }

        It 'Request-Image reads what docker-credential-pass stored itself' {
            Set-Content -Path $ConfigPath -Value "{`"credHelpers`":{`"$RegistryHost`":`"pass`"}}" -NoNewline
            $json = @{ ServerURL = $RegistryHost; Username = $User; Secret = $Password } | ConvertTo-Json -Compress
            $json | docker-credential-pass store
            $LASTEXITCODE | Should -Be 0

            (Invoke-ProtectedPull).Error | Should -BeNullOrEmpty

            $RegistryHost | docker-credential-pass erase
        }
    }
}
