using System.Net;
using System.Net.Sockets;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Checks the token realm a registry names before credentials are sent there (the SSRF guard of
/// go-containerregistry's bearer transport): HTTPS, or plain HTTP only when the registry itself is plain HTTP or
/// loopback; never a link-local, unspecified or multicast address, and a loopback address only for a loopback registry,
/// unless the realm is the registry's own host.
/// </summary>
internal static class TokenRealmValidator
{
    public static Uri Validate(string? realm, RegistryEndpoint endpoint)
    {
        if (!Uri.TryCreate(realm, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
            throw Invalid(realm, endpoint, "it is not an absolute http(s) URL");
        if (uri.Scheme == Uri.UriSchemeHttp && !(endpoint.IsPlainHttp || endpoint.IsLoopback))
            throw Invalid(realm, endpoint, "it is plain HTTP while the registry uses HTTPS");
        var sameHost = string.Equals(uri.IdnHost, endpoint.BaseUri.IdnHost, StringComparison.OrdinalIgnoreCase);
        if (!sameHost && IsForbiddenAddress(uri, endpoint))
            throw Invalid(realm, endpoint, "it points at a link-local, loopback or unspecified address");
        return uri;
    }

    private static bool IsForbiddenAddress(Uri realm, RegistryEndpoint endpoint)
    {
        if (!IPAddress.TryParse(realm.IdnHost, out var address))
            return string.Equals(realm.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase) && !endpoint.IsLoopback;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return !endpoint.IsLoopback;
        return IsLinkLocal(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IsMulticast(address);
    }

    private static bool IsLinkLocal(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? address.GetAddressBytes() is [169, 254, ..]
        : address.IsIPv6LinkLocal;

    private static bool IsMulticast(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? address.GetAddressBytes()[0] is >= 224 and <= 239
        : address.IsIPv6Multicast;

    private static ContainerPSException Invalid(string? realm, RegistryEndpoint endpoint, string why) =>
        Fail.PermissionDenied("InvalidTokenRealm", $"The registry {endpoint.BaseUri.Authority} names the token realm '{realm}', which is refused: {why}.", realm);
}
