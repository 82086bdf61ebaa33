using TimeActors.LoadGen;
using TimeActors.LoadGen.Figures;

// timeactors-loadgen run --server 127.0.0.1:123 [--rate N|max] [--window 256] [--sockets 16]
//                        [--sources 0] [--duration 5s] [--timeout 500ms] [--batch 32] [--json]
// timeactors-loadgen figures [--runs 3] [--duration 5s] [--quick]
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("""
        usage:
          timeactors-loadgen run --server ADDR:PORT [--rate N|max] [--window W] [--sockets S] [--sources N]
                                 [--duration 5s] [--timeout 500ms] [--batch 32] [--json]
              Keeps W NTP requests in flight (or sends N per second) from S sockets, optionally from N
              distinct 127.x.y.z addresses, and prints offered rate, replies/s, loss and latency.
          timeactors-loadgen figures [--runs 3] [--duration 5s] [--window W] [--sockets S] [--json PATH]
              Issue 9's figures for `timeactors run` and `chronyd -x`, loopback, same generator.
        """);
    return 0;
}

var options = new CommandLine(args.Skip(1));
switch (args[0])
{
    case "run":
    {
        var rate = options.Text("rate");
        var load = new LoadOptions
        {
            Server = options.EndPoint("server"),
            RatePerSecond = rate is null or "max" ? null : double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture),
            Window = options.Int("window", 256),
            Sockets = options.Int("sockets", 16),
            SourceAddresses = options.Int("sources", 0),
            Duration = options.Duration("duration", TimeSpan.FromSeconds(5)),
            Timeout = options.Duration("timeout", TimeSpan.FromMilliseconds(500)),
            Batch = options.Int("batch", 32),
        };
        using var generator = new LoadGenerator(load);
        var result = generator.Run();
        Console.WriteLine(options.Has("json") ? result.ToJson() : result.ToString());
        return 0;
    }

    case "figures":
        return FiguresCommand.Run(options);

    default:
        Console.Error.WriteLine($"unknown command `{args[0]}` (run, figures)");
        return 2;
}
