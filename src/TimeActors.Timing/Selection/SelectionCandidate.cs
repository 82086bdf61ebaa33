using TimeActors.Timing.Statistics;

namespace TimeActors.Timing.Selection;

/// <summary>One configured source as selection sees it.</summary>
/// <param name="SourceId">Caller's identifier, echoed in the result.</param>
/// <param name="Reachable">At least one valid response in the reachability register.</param>
/// <param name="NoSelect">Configured to be monitored only, never selected.</param>
/// <param name="Data">The source's statistics at the selection time (<see cref="SourceStatistics.GetSelectionData"/>).</param>
public readonly record struct SelectionCandidate(int SourceId, bool Reachable, bool NoSelect, SelectionData Data);
