using System.Globalization;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>Formats numbers for control files: invariant culture, and the v1 (-1) or v2 ("max") word for unlimited.</summary>
internal static class CgroupValue
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    public static string V1(long value) => value < 0 ? "-1" : Number(value);

    public static string V2(long value) => value < 0 ? "max" : Number(value);
}
