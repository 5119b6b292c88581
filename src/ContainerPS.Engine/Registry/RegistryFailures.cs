using System.Net;
using System.Text;
using System.Text.Json;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// Turns an unsuccessful registry response into the engine's error, reading the body as distribution-spec error
/// JSON (spec.md, "Error Codes"), at most 64 KiB of it.
/// </summary>
internal static class RegistryFailures
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private const int MaxDetailChars = 300;

    public static async Task<ContainerPSException> FromResponseAsync(HttpResponseMessage response, RegistryResource resource, object target, CancellationToken ct)
    {
        var errors = await ReadErrorsAsync(response, ct).ConfigureAwait(false);
        var host = response.RequestMessage?.RequestUri?.Authority ?? "the registry";
        var what = $"{(int)response.StatusCode} {response.ReasonPhrase} from {host} for {target}{Describe(errors)}";
        var status = response.StatusCode;

        if (IsNotFound(status, errors, resource))
            return resource == RegistryResource.Blob
                ? Fail.NotFound("BlobNotFound", $"The blob was not found: {what}", target)
                : Fail.NotFound("ImageNotFound", $"The image was not found: {what}", target);
        if (status == HttpStatusCode.Unauthorized || errors?.HasCode("UNAUTHORIZED") == true)
            return Fail.Unauthenticated("RegistryUnauthorized", $"The registry refused the credentials (or their absence): {what}", target);
        if (status == HttpStatusCode.Forbidden || errors?.HasCode("DENIED") == true)
            return Fail.PermissionDenied("RegistryDenied", $"Access denied: {what}", target);
        if (status == HttpStatusCode.TooManyRequests || errors?.HasCode("TOOMANYREQUESTS") == true)
            return Fail.Unavailable("RegistryRateLimited", $"The registry asks to slow down: {what}", target);
        if ((int)status >= 500)
            return Fail.Unavailable("RegistryUnavailable", $"The registry failed: {what}", target);
        return Fail.FailedPrecondition("UnexpectedRegistryResponse", $"The registry gave an unexpected answer: {what}", target);
    }

    private static bool IsNotFound(HttpStatusCode status, RegistryErrorResponse? errors, RegistryResource resource) =>
        resource is not (RegistryResource.Token or RegistryResource.Upload or RegistryResource.Login) &&
        (status == HttpStatusCode.NotFound ||
         errors?.HasCode("MANIFEST_UNKNOWN", "NAME_UNKNOWN", "TAG_INVALID", "BLOB_UNKNOWN") == true);

    private static async Task<RegistryErrorResponse?> ReadErrorsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await BoundedContent.ReadPrefixAsync(response.Content, MaxErrorBodyBytes, ct).ConfigureAwait(false);
            return JsonSerializer.Deserialize(body, RegistryJsonContext.Default.RegistryErrorResponse);
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            return null; // The status code alone still says what happened.
        }
    }

    private static string Describe(RegistryErrorResponse? errors)
    {
        if (errors?.Errors is not { Count: > 0 } list) return "";
        var text = string.Join("; ", list.Take(5).Select(e => $"{e.Code}: {e.Message}"));
        return ": " + Printable(text.Length > MaxDetailChars ? text[..MaxDetailChars] + "…" : text);
    }

    // The text comes from the server: keep control characters out of the user's terminal.
    internal static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString();
    }
}
