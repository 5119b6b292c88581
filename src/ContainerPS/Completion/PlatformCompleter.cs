using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerPS.Engine.Images;
using ContainerPS.Engine.Reference;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Completion;

/// <summary>
/// Completes -Platform with the platforms of the image on the line (-Reference or -Image): those its registry's index
/// lists when the reference names a registry, and those of the local images of that name; then common platforms.
/// </summary>
public sealed class PlatformCompleter : IArgumentCompleter
{
    // The platforms most images are built for, in the engine's normalized spelling (Platform.Normalize).
    private static readonly string[] Common =
        ["linux/amd64", "linux/arm64/v8", "linux/arm/v7", "linux/386", "linux/ppc64le", "linux/s390x", "linux/riscv64"];

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionWord.Unquote(wordToComplete);
        var image = CompletionWord.FirstString(fakeBoundParameters, "Reference") ?? CompletionWord.FirstString(fakeBoundParameters, "Image");
        return Remote(image, fakeBoundParameters).Concat(Local(image, fakeBoundParameters)).Concat(Common)
            .Distinct(StringComparer.Ordinal)
            .Where(platform => CompletionWord.Starts(platform, word))
            .Select(platform => CompletionWord.Result(platform, platform, platform))
            .ToList();
    }

    private static IEnumerable<string> Remote(string? image, IDictionary boundParameters)
    {
        if (image is null || !PartialReference.NamesRegistry(image) || !ReferenceParser.TryParse(image, out var reference)) return [];
        var options = RegistryOptionsBuilder.ForRegistry(reference!.Domain, CompletionWord.Credential(boundParameters),
            CompletionWord.Switch(boundParameters, "SkipTlsVerify"));
        return RegistryLookup.Shared.Platforms(reference, options);
    }

    /// <summary>The platforms of the local images named <paramref name="image"/>, or of every local image.</summary>
    private static IEnumerable<string> Local(string? image, IDictionary boundParameters)
    {
        // "busybox" names docker.io/library/busybox:latest: match the reference in full as well as the word.
        var patterns = image is null ? [] : new[] { image, ReferenceParser.TryParse(image, out var full) ? full!.ToString() : image }
            .Select(ImageNameMatch.Pattern).ToList();
        return CompletionStore.Images(boundParameters)
            .Where(i => image is null || patterns.Any(p => ImageNameMatch.MatchingNames(p, i).Any()))
            .Select(i => i.Platform.ToString());
    }
}
