using System.Globalization;
using System.Management.Automation;
using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>
/// Every size parameter takes a PowerShell number (<c>512MB</c>, <c>536870912</c>, <c>1.5GB</c>) or a size in
/// docker's spelling (<c>512m</c>, <c>1g</c>, <c>1.5GiB</c>; <see cref="ByteSizeParser"/>), and gets whole bytes. A
/// negative whole number passes through for the parameter's own range check (-MemorySwap -1 is unlimited).
/// </summary>
internal sealed class ByteSizeTransformation : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bytes) => bytes,
            string text => Parse(text),
            byte or sbyte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            ulong or double or float or decimal => Whole(value),
            _ => inputData, // null, or anything else: the parameter's own conversion reports it
        };
    }

    private static long Parse(string text)
    {
        try
        {
            return ByteSizeParser.Parse(text);
        }
        catch (ContainerPSException e)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }

    /// <summary>1.5GB is a double in PowerShell; a size is whole bytes.</summary>
    private static long Whole(object number)
    {
        try
        {
            return (long)decimal.Truncate(Convert.ToDecimal(number, CultureInfo.InvariantCulture));
        }
        catch (OverflowException e)
        {
            throw new ArgumentTransformationMetadataException($"{number} is not a number of bytes a size can hold.", e);
        }
    }
}
