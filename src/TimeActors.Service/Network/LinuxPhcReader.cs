using TimeActors.Linux;
using TimeActors.Linux.Ptp;
using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Hardware;

namespace TimeActors.Service.Network;

/// <summary>
/// <see cref="IPhcReader"/> on Linux: the interface's PHC through its /dev/ptpN and the link speed
/// through ethtool. As chrony, it tries a cross-timestamp (unless <c>nocrossts</c>), then the extended,
/// then the basic reading, and keeps the first mode that works for every later read.
/// </summary>
public sealed class LinuxPhcReader : IPhcReader
{
    /// <summary>The kernel's limit of readings per PTP_SYS_OFFSET(_EXTENDED) call.</summary>
    public const int MaxReadings = 25;

    private readonly IPtpClockReadings _clock;
    private readonly Func<int?> _linkSpeedMbps;
    private readonly bool _noCrossTimestamp;
    private readonly PhcReading[] _buffer = new PhcReading[MaxReadings];

    public LinuxPhcReader(string name, IPtpClockReadings clock, Func<int?> linkSpeedMbps, bool noCrossTimestamp)
    {
        Name = name;
        _clock = clock;
        _linkSpeedMbps = linkSpeedMbps;
        _noCrossTimestamp = noCrossTimestamp;
    }

    public string Name { get; }

    /// <summary>The mode in use, Unknown until a read succeeded.</summary>
    public PhcReadingMode Mode { get; private set; }

    /// <summary>The errno of the last failed read (0 if none).</summary>
    public int LastErrno { get; private set; }

    public int Read(Span<PhcClockReading> readings)
    {
        if (readings.IsEmpty)
        {
            return 0;
        }

        if (Mode != PhcReadingMode.Unknown)
        {
            return TryRead(Mode, readings, out int count) ? count : 0;
        }

        foreach (var mode in (ReadOnlySpan<PhcReadingMode>)[PhcReadingMode.Precise, PhcReadingMode.Extended, PhcReadingMode.Basic])
        {
            if (mode == PhcReadingMode.Precise && _noCrossTimestamp)
            {
                continue;
            }

            if (TryRead(mode, readings, out int count) && count > 0)
            {
                Mode = mode;
                return count;
            }
        }

        return 0;
    }

    public int ReadLinkSpeedMbps() => _linkSpeedMbps() ?? 0;

    private bool TryRead(PhcReadingMode mode, Span<PhcClockReading> readings, out int count)
    {
        try
        {
            Span<PhcReading> raw = _buffer.AsSpan(0, Math.Min(readings.Length, MaxReadings));
            switch (mode)
            {
                case PhcReadingMode.Precise:
                    raw[0] = _clock.ReadPrecise();
                    count = 1;
                    break;
                case PhcReadingMode.Extended:
                    count = _clock.ReadExtended(raw);
                    break;
                default:
                    count = _clock.ReadBasic(raw);
                    break;
            }

            for (int i = 0; i < count; i++)
            {
                readings[i] = new PhcClockReading(raw[i].SystemBeforeNs, raw[i].PhcNs, raw[i].SystemAfterNs);
            }

            LastErrno = 0;
            return true;
        }
        catch (KernelCallException e)
        {
            // EOPNOTSUPP and friends while choosing a mode; a transient failure once chosen. Either way
            // this poll has no readings and the model keeps its last fit.
            LastErrno = e.Errno;
            count = 0;
            return false;
        }
    }
}
