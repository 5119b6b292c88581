using System.Text.Json;
using ContainerPS.Engine.Reference;

namespace ContainerPS.Engine.Registry;

/// <summary><c>GET /v2/&lt;name&gt;/tags/list?n=</c>, page after page (distribution-spec spec.md, "Listing Tags").</summary>
internal sealed class TagLister(PagedListReader reader, int pageSize)
{
    public Task<IReadOnlyList<string>> ListAsync(ImageReference repository, CancellationToken ct) =>
        reader.ReadAsync(new PagedList(repository.Domain, RegistryScope.Pull(repository.Path), $"/v2/{repository.Path}/tags/list?n={pageSize}",
            RegistryResource.Tags, "Tag", $"the tags of {repository.Repository}", repository.Repository,
            body => JsonSerializer.Deserialize(body, RegistryJsonContext.Default.TagList)?.Tags), ct);
}
