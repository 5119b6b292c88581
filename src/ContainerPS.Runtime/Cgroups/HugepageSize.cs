namespace ContainerPS.Runtime.Cgroups;

/// <summary>A hugepageLimits pageSize ("2MB", "1GB", as the kernel names its hugetlb files).</summary>
internal static class HugepageSize
{
    /// <summary>The size as given, once it is a plain number and unit: it becomes part of a file name.</summary>
    public static string Checked(string pageSize)
    {
        int digits = pageSize.TakeWhile(char.IsAsciiDigit).Count();
        string unit = pageSize[digits..];
        if (digits == 0 || unit is not ("KB" or "MB" or "GB"))
        {
            throw new CgroupException(CgroupErrorIds.InvalidLimit, $"'{pageSize}' is not a huge page size (such as 2MB or 1GB).");
        }

        return pageSize;
    }
}
