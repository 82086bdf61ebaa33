using FsCheck;
using Microsoft.FSharp.Core;

namespace TimeActors.Timing.Tests.Wire;

/// <summary>FsCheck settings for this folder: a fixed seed keeps runs reproducible, failures throw into xunit.</summary>
internal static class PropertyConfig
{
    public static Config Deterministic(int maxTest = 1000, ulong seed = 0x5EED_1234_ABCDUL) =>
        Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
}
