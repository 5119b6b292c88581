using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerPS.Engine.Images;

namespace ContainerPS.Completion;

/// <summary>
/// Completes -Reference with the familiar names of local images, read from the store at the command's -Root
/// (or the default root). It never creates a store: a root that does not exist completes nothing.
/// </summary>
public sealed class ImageNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = ImageNameMatch.Pattern(wordToComplete.Trim('\'', '"') + "*");
        return LocalNames(RootOf(fakeBoundParameters))
            .Where(name => prefix.IsMatch(name))
            .Order(StringComparer.Ordinal)
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
    }

    private static string RootOf(IDictionary boundParameters) =>
        boundParameters["Root"]?.ToString() ?? ImageService.DefaultRoot;

    private static IEnumerable<string> LocalNames(string root)
    {
        if (!Directory.Exists(root)) return [];
        try
        {
            return new ImageService(root).ListImages()
                .SelectMany(image => image.Names)
                .Select(ImageNameMatch.FamiliarName)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception exception) when (exception is Engine.Errors.ContainerPSException or IOException or UnauthorizedAccessException)
        {
            // Completion is a convenience: an unreadable store completes nothing rather than printing an error mid-typing.
            return [];
        }
    }
}
