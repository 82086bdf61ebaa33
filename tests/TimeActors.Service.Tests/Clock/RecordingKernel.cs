using TimeActors.Linux.Timekeeping;

namespace TimeActors.Service.Tests.Clock;

/// <summary>
/// Stands in for clock_adjtime(CLOCK_REALTIME) behind <see cref="Service.Clock.LinuxSystemClock"/>:
/// reads return the emulated state, writes are recorded and applied to it (or refused with EPERM),
/// and nothing reaches the kernel.
/// </summary>
internal sealed class RecordingKernel
{
    private readonly object _gate = new();
    private readonly List<Timex> _requests = [];

    public Timex State { get; set; } = new()
    {
        Status = TimexStatus.Unsync | TimexStatus.Pll | TimexStatus.Nano,
        TickUs = 10_000,
        FrequencyScaledPpm = Timex.ToScaledPpm(-3.5),
        MaxErrorUs = 16_000_000,
        EstErrorUs = 16_000_000,
        TimeSeconds = 1_800_000_000,
    };

    /// <summary>Refuse every change like a process without CAP_SYS_TIME.</summary>
    public bool Deny { get; set; }

    public IReadOnlyList<Timex> Requests
    {
        get
        {
            lock (_gate)
                return [.. _requests];
        }
    }

    public TimexResult Call(Timex request)
    {
        lock (_gate)
        {
            if (request.Modes == TimexModes.None)
                return new TimexResult(ClockState.Ok, State);
            if (Deny)
                throw new ClockPermissionException("clock_adjtime", request.Modes);

            _requests.Add(request);
            var s = State;
            if (request.Modes.HasFlag(TimexModes.Frequency))
                s = s with { FrequencyScaledPpm = request.FrequencyScaledPpm };
            if (request.Modes.HasFlag(TimexModes.Tick))
                s = s with { TickUs = request.TickUs };
            if (request.Modes.HasFlag(TimexModes.Status))
                s = s with { Status = (request.Status & ~TimexStatus.ReadOnly) | (s.Status & TimexStatus.ReadOnly) };
            if (request.Modes.HasFlag(TimexModes.MaxError))
                s = s with { MaxErrorUs = request.MaxErrorUs };
            if (request.Modes.HasFlag(TimexModes.EstError))
                s = s with { EstErrorUs = request.EstErrorUs };
            if (request.Modes.HasFlag(TimexModes.Offset))
                s = s with { Offset = request.Offset };
            State = s;
            return new TimexResult(ClockState.Ok, s);
        }
    }
}
