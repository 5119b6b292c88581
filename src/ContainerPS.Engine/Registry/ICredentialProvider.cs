namespace ContainerPS.Engine.Registry;

/// <summary>Finds the credential for a registry host (<c>host</c> or <c>host:port</c>), or null for anonymous.</summary>
public interface ICredentialProvider
{
    RegistryCredential? GetCredential(string registryHost);
}

/// <summary>A user name with a password, or an identity token (a refresh token for the token server).</summary>
public sealed record RegistryCredential(string Username, string Secret, bool IsIdentityToken = false);
