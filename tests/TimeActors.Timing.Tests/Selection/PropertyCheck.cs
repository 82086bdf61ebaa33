using FsCheck;
using Microsoft.FSharp.Core;

namespace TimeActors.Timing.Tests.Selection;

/// <summary>Runs FsCheck properties with a fixed seed so every run checks the same cases.</summary>
internal static class PropertyCheck
{
    public static void Run(Property property, ulong seed = 20261122, int maxTests = 500)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTests)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        Check.One(config, property);
    }
}
