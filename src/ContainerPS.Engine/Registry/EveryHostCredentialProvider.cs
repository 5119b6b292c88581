namespace ContainerPS.Engine.Registry;

/// <summary>
/// One credential for every registry host, as podman build --creds gives it to every registry the build pulls from
/// (Build-Image -Credential). Hosts only a Dockerfile names get it too, so it is meant for one's own registries.
/// </summary>
public sealed class EveryHostCredentialProvider(RegistryCredential credential) : ICredentialProvider
{
    public RegistryCredential? GetCredential(string registryHost) => credential;
}
