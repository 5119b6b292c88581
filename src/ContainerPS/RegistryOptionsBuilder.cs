using System.Management.Automation;
using ContainerPS.Engine.Reference;
using ContainerPS.Engine.Registry;

namespace ContainerPS;

/// <summary>Builds the engine's registry options from the cmdlet parameters -Credential and -SkipTlsVerify.</summary>
internal static class RegistryOptionsBuilder
{
    /// <summary>
    /// Options for reaching the registry of <paramref name="reference"/>. A -Credential is given to that registry host
    /// only; without one the engine falls back to Docker's config.json. An invalid reference throws InvalidReference.
    /// </summary>
    public static RegistryOptions For(string reference, PSCredential? credential, bool skipTlsVerify) =>
        ForRegistry(IsGiven(credential) ? ImageReference.Parse(reference).Domain : "", credential, skipTlsVerify);

    /// <summary>Options for reaching the registry at <paramref name="domain"/> (<c>host:port</c>), as <see cref="For"/>.</summary>
    public static RegistryOptions ForRegistry(string domain, PSCredential? credential, bool skipTlsVerify) => new()
    {
        Credentials = IsGiven(credential) ? new StaticCredentialProvider(domain, ToRegistryCredential(credential!), fallback: null) : null,
        SkipTlsVerify = skipTlsVerify,
    };

    /// <summary>Options that give a -Credential to every registry (Build-Image's base images may come from several).</summary>
    public static RegistryOptions ForEveryRegistry(PSCredential? credential, bool skipTlsVerify) => new()
    {
        Credentials = IsGiven(credential) ? new EveryHostCredentialProvider(ToRegistryCredential(credential!)) : null,
        SkipTlsVerify = skipTlsVerify,
    };

    internal static bool IsGiven(PSCredential? credential) => credential is not null && credential != PSCredential.Empty;

    internal static RegistryCredential ToRegistryCredential(PSCredential credential) =>
        new(credential.UserName, credential.GetNetworkCredential().Password);
}
