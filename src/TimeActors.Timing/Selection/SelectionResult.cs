using TimeActors.Timing.Time;

namespace TimeActors.Timing.Selection;

/// <summary>Everything one selection round decided.</summary>
/// <param name="Outcome">Whether the clock may be steered.</param>
/// <param name="SelectedSourceId">The system peer, when synchronised.</param>
/// <param name="Combined">The estimate to steer by, when synchronised.</param>
/// <param name="Sources">One verdict per candidate, in input order.</param>
/// <param name="AgreeingSources">Depth of the best intersection (how many intervals share it).</param>
/// <param name="IntersectionLow">Lower end of the best intersection (valid when AgreeingSources &gt; 0).</param>
/// <param name="IntersectionHigh">Upper end of the best intersection.</param>
/// <param name="TooFewSourcesConfigured">
/// Fewer sources are configured than <see cref="SelectionSettings.RecommendedSources"/>: a single
/// falseticker could not be detected (one) or would stop synchronisation (two).
/// </param>
public sealed record SelectionResult(
    SelectionOutcome Outcome,
    int? SelectedSourceId,
    CombinedEstimate? Combined,
    IReadOnlyList<SourceSelectionStatus> Sources,
    int AgreeingSources,
    TimeInterval IntersectionLow,
    TimeInterval IntersectionHigh,
    bool TooFewSourcesConfigured)
{
    public SourceSelectionState StateOf(int sourceId)
    {
        foreach (var s in Sources)
        {
            if (s.SourceId == sourceId)
                return s.State;
        }

        throw new ArgumentException($"Source {sourceId} was not a candidate.", nameof(sourceId));
    }
}
