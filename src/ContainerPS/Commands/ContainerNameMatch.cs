using System.Management.Automation;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>Wildcard matching of user patterns against containers: the name, the full id and the short id.</summary>
internal static class ContainerNameMatch
{
    public static WildcardPattern Pattern(string text) => WildcardPattern.Get(text, WildcardOptions.IgnoreCase);

    public static bool IsWildcard(string text) => WildcardPattern.ContainsWildcardCharacters(text);

    public static bool Matches(WildcardPattern pattern, ContainerInfo container) =>
        pattern.IsMatch(container.Name) || pattern.IsMatch(container.Id);
}
