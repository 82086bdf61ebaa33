using System.Globalization;

namespace TimeActors.LoadGen.Figures;

/// <summary>`figures`: parses the options, runs <see cref="FiguresRun"/> and always cleans up.</summary>
public static class FiguresCommand
{
    public static int Run(CommandLine options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new FiguresSettings();
        var settings = new FiguresSettings
        {
            Runs = options.Int("runs", defaults.Runs),
            Duration = options.Duration("duration", defaults.Duration),
            Windows = options.Text("windows") is { } w ? [.. w.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))] : defaults.Windows,
            Sockets = options.Int("sockets", defaults.Sockets),
            OurServerExtra = options.Text("server-conf") ?? defaults.OurServerExtra,
            FloodAddresses = options.Int("flood-addresses", defaults.FloodAddresses),
            FloodDuration = options.Duration("flood-duration", defaults.FloodDuration),
            QualityDuration = options.Duration("quality-duration", defaults.QualityDuration),
            Timeout = options.Duration("timeout", defaults.Timeout),
            Sections = options.Text("sections") is { } sections ? new HashSet<string>(sections.Split(',')) : defaults.Sections,
            TimeActorsDll = options.Text("timeactors-dll"),
            JsonPath = options.Text("json"),
        };
        using var run = new FiguresRun(settings);
        try
        {
            return run.Run();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("figures: cancelled, cleaning up");
            return 130;
        }
    }
}
