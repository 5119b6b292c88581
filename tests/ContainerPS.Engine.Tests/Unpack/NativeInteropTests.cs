using System.Text;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Native;
using Tmds.Linux;

namespace ContainerPS.Engine.Tests.Unpack;

/// <summary>The Native/ declarations the unpacker and the store share: flock, renameat2, errno reporting.</summary>
public sealed unsafe class NativeInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cps-native-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_exclusive_flock_excludes_a_second_open_file_description_until_unlocked()
    {
        string path = Path.Combine(_directory, "lock");
        File.WriteAllText(path, "");
        using FileDescriptor first = Open(path);
        using FileDescriptor second = Open(path);

        Assert.Equal(0, LibCExtra.flock(first.Value, LibCExtra.LOCK_EX | LibCExtra.LOCK_NB));
        Assert.Equal(-1, LibCExtra.flock(second.Value, LibCExtra.LOCK_SH | LibCExtra.LOCK_NB));
        Assert.Equal(LibC.EWOULDBLOCK, Errno.Last);
        Assert.Equal(0, LibCExtra.flock(first.Value, LibCExtra.LOCK_UN));
        Assert.Equal(0, LibCExtra.flock(second.Value, LibCExtra.LOCK_SH | LibCExtra.LOCK_NB));
    }

    [Fact]
    public void Renameat2_with_RENAME_NOREPLACE_refuses_to_replace_and_reports_EEXIST()
    {
        File.WriteAllText(Path.Combine(_directory, "a"), "a");
        File.WriteAllText(Path.Combine(_directory, "b"), "b");
        using FileDescriptor dir = Open(_directory);

        fixed (byte* a = Utf8Path.ToArray("a"))
        fixed (byte* b = Utf8Path.ToArray("b"))
        fixed (byte* c = Utf8Path.ToArray("c"))
        {
            Assert.Equal(-1, LibCExtra.renameat2(dir.Value, a, dir.Value, b, LibCExtra.RENAME_NOREPLACE));
            Assert.Equal(LibC.EEXIST, Errno.Last);
            Assert.Equal(0, LibCExtra.renameat2(dir.Value, a, dir.Value, c, LibCExtra.RENAME_NOREPLACE));
        }

        Assert.Equal("b", File.ReadAllText(Path.Combine(_directory, "b")));
        Assert.Equal("a", File.ReadAllText(Path.Combine(_directory, "c")));
    }

    [Fact]
    public void A_failed_call_becomes_an_exception_that_keeps_errno_and_maps_its_kind()
    {
        ContainerPSException notFound = Errno.Exception(LibC.ENOENT, "openat", "/missing");
        ContainerPSException denied = Errno.Exception(LibC.EACCES, "openat", "/secret");

        Assert.Equal((ErrorKind.NotFound, "SystemCallNotFound"), (notFound.Kind, notFound.ErrorId));
        Assert.Equal(ErrorKind.PermissionDenied, denied.Kind);
        Assert.Contains($"errno {LibC.ENOENT}", notFound.Message);
        Assert.Equal(LibC.ENOENT, ((System.ComponentModel.Win32Exception)notFound.InnerException!).NativeErrorCode);
    }

    [Fact]
    public void Fsetxattr_and_lgetxattr_round_trip_binary_values()
    {
        string path = Path.Combine(_directory, "x");
        File.WriteAllText(path, "");
        byte[] value = [0x00, 0xC0, 0xFF, 0x01];
        using FileDescriptor fd = Open(path);

        fixed (byte* name = Encoding.UTF8.GetBytes("user.bin\0"))
        fixed (byte* v = value)
        {
            Assert.Equal(0, LibCExtra.fsetxattr(fd.Value, name, v, (nuint)value.Length, 0));
        }

        Assert.Equal(value, FileStatus.GetXattr(path, "user.bin"));
        Assert.Null(FileStatus.GetXattr(path, "user.absent"));
    }

    private static FileDescriptor Open(string path)
    {
        fixed (byte* p = Utf8Path.ToArray(path))
        {
            int fd = LibC.open(p, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
            Errno.ThrowIfFailed(fd, "open", path);
            return new FileDescriptor(fd);
        }
    }
}
