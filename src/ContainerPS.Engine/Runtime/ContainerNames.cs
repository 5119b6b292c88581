using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Runtime;

/// <summary>Container names: docker's rule (<c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>) and generated adjective_noun names.</summary>
internal static partial class ContainerNames
{
    private const int MaxLength = 128;

    private static readonly string[] Adjectives =
        ["amber", "brisk", "calm", "deft", "eager", "fond", "gentle", "hardy", "keen", "lucid", "merry", "nimble", "quiet", "rapid", "steady", "vivid"];

    private static readonly string[] Nouns =
        ["badger", "crane", "falcon", "gecko", "heron", "ibex", "jackal", "koala", "lynx", "marten", "otter", "puffin", "raven", "stoat", "tern", "wren"];

    public static void Validate(string name)
    {
        if (name.Length > MaxLength || !NamePattern().IsMatch(name))
            throw Fail.InvalidArgument("InvalidContainerName", $"'{name}' is not a valid container name: use letters, digits, '_', '.' and '-', starting with a letter or digit.", name);
    }

    /// <summary>A readable name not in <paramref name="taken"/>; a short random suffix keeps it unique when the pairs run out.</summary>
    public static string Generate(IReadOnlySet<string> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = $"{Pick(Adjectives)}_{Pick(Nouns)}";
            if (attempt >= 8) name += "_" + RandomNumberGenerator.GetInt32(1000, 10000);
            if (!taken.Contains(name)) return name;
        }
    }

    private static string Pick(string[] words) => words[RandomNumberGenerator.GetInt32(words.Length)];

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex NamePattern();
}
