using FsCheck;
using FsCheck.Fluent;
using TimeActors.Timing.Selection;
using static TimeActors.Timing.Tests.Selection.Candidates;

namespace TimeActors.Timing.Tests.Selection;

public class SourceSelectorPropertyTests
{
    /// <summary>
    /// A scenario: truechimers whose intervals all contain the true offset 0, and fewer falsetickers
    /// whose intervals lie wholly outside every truechimer interval (wrong beyond their error bound).
    /// </summary>
    public sealed record Scenario(SelectionCandidate[] Truechimers, SelectionCandidate[] Falsetickers)
    {
        public SelectionCandidate[] All => [.. Truechimers, .. Falsetickers];

        public override string ToString() =>
            string.Join("; ", All.Select(c => $"#{c.SourceId} [{c.Data.Low.TotalSeconds * 1e6:F0},{c.Data.High.TotalSeconds * 1e6:F0}]us"));
    }

    private static Gen<SelectionCandidate> Truechimer(int id) =>
        from below in Gen.Choose(1, 1000)
        from above in Gen.Choose(1, 1000)
        from stratum in Gen.Choose(1, 4)
        select Make(id, (above - below) / 2000.0, (above + below) / 2000.0, stratum);

    private static Gen<SelectionCandidate> Falseticker(int id, double extentMs) =>
        from side in Gen.Elements(-1, 1)
        from gap in Gen.Choose(1, 5000)
        from width in Gen.Choose(1, 1000)
        let halfWidthMs = width / 2000.0
        select Make(id, side * (extentMs + gap / 1000.0 + halfWidthMs), halfWidthMs);

    private static readonly Gen<Scenario> Scenarios =
        from trueCount in Gen.Choose(1, 7)
        from falseCount in Gen.Choose(0, trueCount - 1)
        from trues in Gen.CollectToArray(Enumerable.Range(1, trueCount), Truechimer)
        let extent = trues.Max(t => Math.Max(-t.Data.Low.TotalSeconds, t.Data.High.TotalSeconds)) * 1e3
        from falses in Gen.CollectToArray(Enumerable.Range(100, falseCount), id => Falseticker(id, extent))
        from shuffled in Gen.Shuffle(trues.Concat(falses))
        select new Scenario(
            shuffled.Where(c => c.SourceId < 100).ToArray(),
            shuffled.Where(c => c.SourceId >= 100).ToArray());

    [Fact]
    public void A_majority_of_agreeing_truechimers_is_never_marked_falseticker() =>
        PropertyCheck.Run(Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var result = SourceSelector.Select(scenario.All, Now, null);
            return result.Outcome == SelectionOutcome.Synchronized
                && scenario.Truechimers.All(t => result.StateOf(t.SourceId) != SourceSelectionState.Falseticker)
                && scenario.Falsetickers.All(f => result.StateOf(f.SourceId) == SourceSelectionState.Falseticker)
                && result.AgreeingSources == scenario.Truechimers.Length;
        }));

    [Fact]
    public void The_verdicts_do_not_depend_on_the_order_of_the_sources() =>
        PropertyCheck.Run(Prop.ForAll(
            (from scenario in Scenarios
             from previous in Gen.Choose(0, 8)
             from reordered in Gen.Shuffle(scenario.All)
             select (scenario, previous, reordered)).ToArbitrary(),
            input =>
            {
                var (scenario, previous, reordered) = input;
                var a = SourceSelector.Select(scenario.All, Now, previous);
                var b = SourceSelector.Select(reordered, Now, previous);
                return a.Outcome == b.Outcome
                    && a.SelectedSourceId == b.SelectedSourceId
                    && scenario.All.All(c => a.StateOf(c.SourceId) == b.StateOf(c.SourceId))
                    && (a.Combined is null ? b.Combined is null
                        : b.Combined is not null && Math.Abs(a.Combined.Value.Offset.Nanoseconds - b.Combined.Value.Offset.Nanoseconds) <= 1);
            }));

    [Fact]
    public void When_synchronised_the_combined_offset_lies_within_every_used_interval_hull_and_a_majority_agrees() =>
        PropertyCheck.Run(Prop.ForAll(
            Gen.CollectToArray(Enumerable.Range(1, 6), id =>
                from offset in Gen.Choose(-3000, 3000)
                from distance in Gen.Choose(1, 3000)
                select Make(id, offset / 1000.0, distance / 1000.0)).ToArbitrary(),
            all =>
            {
                var result = SourceSelector.Select(all, Now, null);
                if (result.Outcome != SelectionOutcome.Synchronized)
                    return result.Outcome == SelectionOutcome.NoMajority && 2 * result.AgreeingSources <= all.Length;

                var used = all.Where(c => result.StateOf(c.SourceId) is SourceSelectionState.Selected or SourceSelectionState.Combined).ToArray();
                var offset = result.Combined!.Value.Offset;
                return 2 * result.AgreeingSources > all.Length
                    && offset >= used.Min(c => c.Data.Offset) - new Time.TimeInterval(1)
                    && offset <= used.Max(c => c.Data.Offset) + new Time.TimeInterval(1)
                    && used.All(c => (c.Data.Low <= result.IntersectionLow && c.Data.High >= result.IntersectionHigh)
                        || (c.Data.Low >= result.IntersectionLow && c.Data.High <= result.IntersectionHigh));
            }));
}
