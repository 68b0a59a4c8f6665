namespace FleetUsers.Domain;

/// <summary>
/// A UUIDv7 that sorts by its time to a fraction of a millisecond: the 12 bits after the millisecond hold its
/// fraction (RFC 9562 §6.2, method 3), where <see cref="Guid.CreateVersion7(DateTimeOffset)"/> puts random bits, so
/// two ids made within one millisecond (a webhook's deliveries to a fast receiver) still sort in the order made.
/// </summary>
public static class SortableId
{
    private const int FractionSteps = 4096; // 12 bits: about 244 ns each

    public static Guid At(DateTimeOffset time)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(time).TryWriteBytes(bytes, bigEndian: true, out _);
        var fraction = (int)(time.UtcTicks % TimeSpan.TicksPerMillisecond * FractionSteps / TimeSpan.TicksPerMillisecond);
        bytes[6] = (byte)(0x70 | fraction >> 8); // version 7 in the high nibble
        bytes[7] = (byte)fraction;
        return new Guid(bytes, bigEndian: true);
    }
}
