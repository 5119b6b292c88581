namespace ContainerPS.Engine.Registry;

/// <summary>
/// A registry as probed: the domain its references use, the base URI its API answered on (scheme decided), and
/// the authentication challenge its <c>/v2/</c> endpoint gave (null when it let us in anonymously).
/// </summary>
internal sealed record RegistryEndpoint(string Domain, Uri BaseUri, AuthChallenge? Challenge)
{
    public bool IsPlainHttp => BaseUri.Scheme == Uri.UriSchemeHttp;

    public bool IsLoopback => RegistryHost.IsLoopback(BaseUri.Authority);

    /// <summary>
    /// True when <paramref name="uri"/> is this registry (same scheme, host and port): only then may credentials
    /// and tokens go with a request (distribution-spec spec.md: Authorization is not forwarded across hosts).
    /// </summary>
    public bool Owns(Uri uri) =>
        uri.Scheme == BaseUri.Scheme &&
        string.Equals(uri.IdnHost, BaseUri.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        uri.Port == BaseUri.Port;

    public Uri ApiUri(string pathAndQuery) => new(BaseUri, pathAndQuery);
}
