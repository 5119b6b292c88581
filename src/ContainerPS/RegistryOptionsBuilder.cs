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
    public static RegistryOptions For(string reference, PSCredential? credential, bool skipTlsVerify) => new()
    {
        Credentials = credential is null || credential == PSCredential.Empty ? null : new StaticCredentialProvider(
            ImageReference.Parse(reference).Domain, ToRegistryCredential(credential), fallback: null),
        SkipTlsVerify = skipTlsVerify,
    };

    private static RegistryCredential ToRegistryCredential(PSCredential credential) =>
        new(credential.UserName, credential.GetNetworkCredential().Password);
}
