using System.Management.Automation;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Commands;

/// <summary>Lists the tags of a repository in a registry (distribution-spec, "Listing Tags").</summary>
[Cmdlet(VerbsCommon.Find, "Image")]
[OutputType(typeof(ImageTag))]
public sealed class FindImageCommand : ContainerPSCmdlet
{
    /// <summary>The repository (<c>localhost:5000/team/app</c>, <c>busybox</c>); a tag or digest in it is ignored.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.RemoteImageCompleter))]
    public string Repository { get; set; } = "";

    /// <summary>Only tags matching this wildcard pattern.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string? Tag { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public SwitchParameter SkipTlsVerify { get; set; }

    protected override void ProcessRecord() => Attempt(() =>
    {
        var repository = ImageReference.Parse(Repository);
        var familiarRepository = ImageConverter.FamiliarRepository(repository);
        var options = RegistryOptionsBuilder.For(Repository, Credential, SkipTlsVerify);
        var images = Images;
        var tags = Wait(() => images.ListRemoteTagsAsync(repository.Repository, options, StopToken));
        var wanted = Tag is null ? null : WildcardPattern.Get(Tag, WildcardOptions.IgnoreCase);
        foreach (var tag in tags.Where(t => wanted?.IsMatch(t) ?? true))
        {
            WriteObject(new ImageTag { Repository = familiarRepository, Tag = tag, Reference = $"{familiarRepository}:{tag}" });
        }
    });
}
