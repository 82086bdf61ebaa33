using TimeActors.Service.Status;

namespace TimeActors.Service.Clock;

/// <summary>The clock actor's answer to <see cref="GetClockStatus"/>: tracking, and every known source's latest report with its selection state.</summary>
/// <param name="Tracking">As `timeactors tracking` shows it.</param>
/// <param name="Sources">One report per source, ordered by source id, <see cref="SourceReport.State"/> set from the last selection.</param>
public sealed record ClockStatus(TrackingReport Tracking, IReadOnlyList<SourceReport> Sources);
