using System.Text.Json;

namespace ContainerPS.Engine.Registry;

/// <summary>
/// <c>GET /v2/_catalog?n=</c>, page after page: the repositories of a registry (distribution docs spec/api.md,
/// "Listing Repositories"; not part of distribution-spec v1.1, so a registry may refuse it or list only what the
/// credentials may see). A token for it has the scope <c>registry:catalog:*</c>.
/// </summary>
internal sealed class CatalogReader(PagedListReader reader, int pageSize)
{
    public Task<IReadOnlyList<string>> ListAsync(string domain, CancellationToken ct) =>
        reader.ReadAsync(new PagedList(domain, RegistryScope.Catalog, $"/v2/_catalog?n={pageSize}",
            RegistryResource.Catalog, "Catalog", $"the repositories of {domain}", domain,
            body => JsonSerializer.Deserialize(body, RegistryJsonContext.Default.RepositoryList)?.Repositories), ct);
}
