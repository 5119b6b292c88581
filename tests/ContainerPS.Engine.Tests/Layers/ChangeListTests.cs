using ContainerPS.Engine.Layers;

namespace ContainerPS.Engine.Tests.Layers;

public sealed class ChangeListTests : IDisposable
{
    private readonly UpperTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void An_opaque_directory_the_image_has_is_deleted_and_its_new_children_added_as_podman_diff_lists_them()
    {
        // What overlayfs leaves after `rm -r /home && mkdir /home && echo back > /home/readme` over an image with
        // /home/app, and after `mkdir /fresh` where a lower layer had no /fresh (opaque only because of an old whiteout).
        UpperTree.Sh($"""
            mkdir -p '{_tree.Lower}/home/app' '{_tree.Lower}/etc'
            printf 'x\n' > '{_tree.Lower}/etc/group'
            cd '{_tree.Upper}'
            mkdir home fresh etc
            printf 'back\n' > home/readme
            python3 -c "import os; os.setxattr('home', 'trusted.overlay.opaque', b'y'); os.setxattr('fresh', 'trusted.overlay.opaque', b'y')"
            mknod etc/group c 0 0
            """);

        var changes = ChangeList.Compute(_tree.Upper, new LowerLayers([_tree.Lower])).Select(c => $"{c.Kind.ToString()[0]} {c.Path}");

        Assert.Equal(["C /etc", "D /etc/group", "A /fresh", "D /home", "A /home/readme"], changes.ToList()); // walk order: by path
    }
}
