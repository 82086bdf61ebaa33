using System.Net;

namespace TimeActors.LoadGen;

/// <summary>
/// One load run. <see cref="RatePerSecond"/> null: closed loop, as fast as the server answers with
/// <see cref="Window"/> requests in flight; otherwise requests leave at that rate (open loop) with at
/// most <see cref="Window"/> in flight. <see cref="SourceAddresses"/> &gt; 0 sends from that many
/// distinct loopback addresses (127.16.0.1 upwards, chosen per request with IP_PKTINFO) instead of
/// 127.0.0.1; the sockets are then bound to the wildcard address.
/// </summary>
public sealed record LoadOptions
{
    public required IPEndPoint Server { get; init; }

    public double? RatePerSecond { get; init; }

    public int Window { get; init; } = 256;

    public int Sockets { get; init; } = 16;

    public int SourceAddresses { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A request unanswered for this long is lost; its slot is reused.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Requests per sendmmsg call.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>Stops the run early, e.g. from the figures harness.</summary>
    public CancellationToken Cancellation { get; init; }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 1, nameof(Window));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Window, 1 << 20, nameof(Window));
        ArgumentOutOfRangeException.ThrowIfLessThan(Sockets, 1, nameof(Sockets));
        ArgumentOutOfRangeException.ThrowIfNegative(SourceAddresses, nameof(SourceAddresses));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SourceAddresses, 1 << 23, nameof(SourceAddresses));
        ArgumentOutOfRangeException.ThrowIfLessThan(Batch, 1, nameof(Batch));
        if (RatePerSecond is { } rate)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate, nameof(RatePerSecond));
        }

        if (Duration <= TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), "duration and timeout must be positive");
        }
    }
}
