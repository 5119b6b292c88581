using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// One runtime-spec device rule as the v1 devices controller reads it (cgroup-v1/devices.rst): "type major:minor
/// access" written to devices.allow or devices.deny. Validated here so a bad rule fails with
/// <see cref="CgroupErrorIds.InvalidLimit"/> before anything is created, not with a kernel EINVAL halfway through.
/// </summary>
internal sealed record DeviceRule(bool Allow, string Line)
{
    /// <summary>The control file the rule is written to.</summary>
    public string FileName => Allow ? "devices.allow" : "devices.deny";

    /// <summary>The type-"a" deny: it makes the cgroup deny by default and clears the exceptions it inherited.</summary>
    public bool IsDenyAll => !Allow && Line == "a";

    public static DeviceRule From(DeviceRuleSpec spec)
    {
        string type = spec.Type is null or "" ? "a" : spec.Type;
        if (type is not ("a" or "c" or "b"))
        {
            throw Invalid($"device type '{type}' is not one of a, c, b");
        }

        string access = spec.Access is null or "" ? "rwm" : spec.Access;
        if (access.Length > 3 || access.Any(c => c is not ('r' or 'w' or 'm')) || access.Distinct().Count() != access.Length)
        {
            throw Invalid($"device access '{access}' is not made of r, w, m");
        }

        // The kernel reads a rule starting with "a" as every device with every access, whatever follows, so a narrower
        // type-a rule would silently become a wider one: refuse it rather than write more than was asked.
        if (type == "a")
        {
            return spec.Major is null && spec.Minor is null && access.Length == 3
                ? new DeviceRule(spec.Allow, "a")
                : throw Invalid("a type-a rule must cover every device number with rwm on cgroup v1");
        }

        return new DeviceRule(spec.Allow, $"{type} {Number(spec.Major)}:{Number(spec.Minor)} {access}");
    }

    private static string Number(long? value) => value switch
    {
        null => "*",
        < 0 => throw Invalid($"device number {value} is negative"),
        _ => CgroupValue.Number(value.Value),
    };

    private static CgroupException Invalid(string what) =>
        new(CgroupErrorIds.InvalidLimit, $"Invalid device rule: {what} (config-linux.md, \"Allowed Device List\").");
}
