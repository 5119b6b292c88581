using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Completion;

/// <summary>
/// Completes an image reference that may be pulled: the local names (<see cref="ImageNameCompleter"/>), and when the
/// word names a registry (<see cref="PartialReference"/>), what that registry has: after <c>host/repo:</c> its tags,
/// after <c>host/</c> its repositories (only repositories for Find-Image's -Repository). The registry is reached as
/// a pull would reach it: -Credential and -SkipTlsVerify from the line, else Docker's config.json; within
/// <see cref="RegistryLookup"/>'s bound, silently.
/// </summary>
public sealed class RemoteImageCompleter : IArgumentCompleter
{
    private const string RepositoryParameter = "Repository";

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var local = new ImageNameCompleter().CompleteArgument(commandName, parameterName, wordToComplete, commandAst, fakeBoundParameters);
        var remote = Remote(CompletionWord.Unquote(wordToComplete), parameterName != RepositoryParameter, fakeBoundParameters);
        return local.Concat(remote).DistinctBy(result => result.CompletionText, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<CompletionResult> Remote(string word, bool tagsWanted, IDictionary boundParameters)
    {
        var partial = PartialReference.Parse(word);
        if (partial is null || (partial.WantsTags && !tagsWanted)) return [];
        var options = RegistryOptionsBuilder.ForRegistry(partial.Domain, CompletionWord.Credential(boundParameters),
            CompletionWord.Switch(boundParameters, "SkipTlsVerify"));
        return partial.Repository is { } repository ? Tags(word, repository, partial.Prefix, options) : Repositories(partial, options);
    }

    private static IEnumerable<CompletionResult> Tags(string word, Engine.Reference.ImageReference repository, string prefix, RegistryOptions options)
    {
        var typedRepository = word[..word.LastIndexOf(':')]; // as typed, so the completion extends the word
        return RegistryLookup.Shared.Tags(repository, options)
            .Where(tag => tag.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(tag => CompletionWord.Result($"{typedRepository}:{tag}", tag, $"{repository.Repository}:{tag}"));
    }

    private static IEnumerable<CompletionResult> Repositories(PartialReference partial, RegistryOptions options) =>
        RegistryLookup.Shared.Repositories(partial.Domain, options)
            .Where(name => name.StartsWith(partial.Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => CompletionWord.Result($"{partial.Domain}/{name}", name, $"{partial.Domain}/{name}"));
}
