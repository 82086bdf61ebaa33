using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Network;

/// <summary>
/// The one rule every port follows for a raw hardware stamp: convert it through the interface's PHC
/// model, with the frame's layer-2 length for an RX stamp (the kernel's, else the assumed Ethernet +
/// IP + UDP headers plus the payload, as chrony); when there is no model or it is not valid yet, the
/// caller falls back to the kernel stamp.
/// </summary>
public static class HardwareStampConversion
{
    /// <summary>
    /// Converts <paramref name="phcNs"/> (an RX stamp when <paramref name="receive"/>).
    /// <paramref name="kernelLayer2Length"/> is the length from SCM_TIMESTAMPING_PKTINFO, 0 if none.
    /// </summary>
    public static bool TryConvert(
        IHardwareClockModel? model,
        long phcNs,
        bool receive,
        int kernelLayer2Length,
        int payloadLength,
        bool ipv6,
        out PacketTimestamp stamp)
    {
        if (model is null)
        {
            stamp = default;
            return false;
        }

        int layer2Length = !receive ? 0
            : kernelLayer2Length > 0 ? kernelLayer2Length
            : payloadLength > 0 ? Layer2Transposition.AssumedLength(payloadLength, ipv6)
            : 0;
        return model.TryConvert(phcNs, layer2Length, receive, out stamp);
    }
}
