using System.Management.Automation;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Commands;

/// <summary>
/// Logs in to a registry (docker login): checks the credential against the registry, then stores it where docker
/// keeps it, so that later pulls, docker, podman and skopeo use it (docs/registry-login.md).
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Registry", SupportsShouldProcess = true)]
[OutputType(typeof(RegistryLogin))]
public sealed class ConnectRegistryCommand : ContainerPSCmdlet
{
    /// <summary>The registry host, <c>host[:port]</c>.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Registry { get; set; } = "";

    /// <summary>The user and password; asked for when not given.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public SwitchParameter SkipTlsVerify { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var domain = OrTerminate(() => RegistryLoginService.DomainOf(Registry));
        if (!ShouldProcess(domain, "Log in and store the credential")) return;
        var credential = RegistryOptionsBuilder.ToRegistryCredential(RegistryOptionsBuilder.IsGiven(Credential) ? Credential! : Prompt(domain));
        var login = OrTerminate(() => Connect(domain, credential));
        WriteVerbose($"Logged in to {login.Registry} as {login.Username}; the credential is kept in {login.CredentialHelper ?? login.ConfigPath}.");
        if (PassThru) WriteObject(RegistryLogin.From(login));
    }

    private RegistryLoginInfo Connect(string domain, RegistryCredential credential)
    {
        try
        {
            return Wait(() => new RegistryLoginService().ConnectAsync(domain, credential, SkipTlsVerify, StopToken));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException(); // Ctrl+C: nothing was stored
        }
    }

    private PSCredential Prompt(string domain)
    {
        PSCredential? answer = null;
        try
        {
            answer = Host.UI.PromptForCredential("Connect-Registry", $"Credentials for {domain}", "", domain);
        }
        catch (Exception e) when (e is System.Management.Automation.Host.HostException or NotImplementedException or PSInvalidOperationException)
        {
            // A host without a user to ask (a job, a script run with -NonInteractive) ends up below.
        }
        return answer ?? OrTerminate<PSCredential>(() => throw Fail.InvalidArgument("RegistryUserMissing",
            $"No credential for {domain}: give -Credential.", domain));
    }
}
