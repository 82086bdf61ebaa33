using TimeActors.Timing.Time;

namespace TimeActors.Timing.Ports.Network;

/// <summary>
/// The interface's PHC model: converts a raw hardware stamp (PHC time) to system time. A port applies
/// it to every hardware stamp before reporting, so actors only ever see system-time stamps.
/// </summary>
public interface IHardwareClockModel
{
    /// <summary>
    /// Converts <paramref name="phcNanoseconds"/> to system time, correcting for the layer-2 frame
    /// length (<paramref name="layer2Length"/> bytes, 0 if unknown) where the NIC stamps the frame's
    /// end. False while the model has no usable PHC-to-system fit (the stamp is then not used).
    /// </summary>
    bool TryConvert(long phcNanoseconds, int layer2Length, bool receive, out PacketTimestamp stamp);
}
