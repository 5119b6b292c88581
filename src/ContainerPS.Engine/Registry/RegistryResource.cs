namespace ContainerPS.Engine.Registry;

/// <summary>What a request was for, so that a 404 becomes the right "not found" error.</summary>
internal enum RegistryResource
{
    Manifest,
    Blob,
    Tags,
    Catalog,
    Token,
    Upload,
    Login,
}
