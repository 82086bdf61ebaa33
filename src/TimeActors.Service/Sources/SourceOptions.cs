using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Statistics;

namespace TimeActors.Service.Sources;

/// <summary>One configured NTP source, resolved (bound by the settings from a `server`/`pool` entry).</summary>
public sealed record SourceOptions
{
    /// <summary>Unique id among the sources (selection ties go to the lower id).</summary>
    public required int SourceId { get; init; }

    /// <summary>As configured (DNS name or address).</summary>
    public required string Name { get; init; }

    /// <summary>The server's address and port (123 by default in the settings).</summary>
    public required NetworkEndpoint Address { get; init; }

    /// <summary>Poll limits, iburst, xleave, maxdelay, hwtstimeout, ... of the exchange.</summary>
    public ClientExchangeOptions Exchange { get; init; } = new();

    public SourceStatisticsSettings Statistics { get; init; } = SourceStatisticsSettings.Default;

    public SampleFilterSettings Filter { get; init; } = SampleFilterSettings.Default;

    /// <summary>Never selected for synchronisation (chrony noselect); still measured and reported.</summary>
    public bool NoSelect { get; init; }
}
