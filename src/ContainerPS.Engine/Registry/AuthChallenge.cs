namespace ContainerPS.Engine.Registry;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header (RFC 7235 section 4.1; the Docker token scheme adds
/// <c>realm</c>, <c>service</c> and <c>scope</c> parameters to Bearer).
/// </summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>The challenge we can answer from a response's headers: Bearer before Basic; null when there is none.</summary>
    public static AuthChallenge? From(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("WWW-Authenticate", out var values)) return null;
        var challenges = values.SelectMany(AuthChallengeParser.Parse).ToList();
        return challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);
    }
}
