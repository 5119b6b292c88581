namespace ContainerPS.Runtime.Cgroups;

/// <summary>The fields of one /proc/self/mountinfo line that cgroup discovery needs (proc(5), "/proc/pid/mountinfo").</summary>
internal sealed record MountInfoEntry(string Root, string MountPoint, string FileSystemType, string SuperOptions);
