using System.CommandLine;
using TimeActors.Service.Cli;

namespace TimeActors.Service;

/// <summary>The `timeactors` command line: each command group lives in its own file under Cli/.</summary>
public static class Program
{
    // `run` handles SIGTERM/SIGINT itself; System.CommandLine's own handler would hold the process for
    // its termination timeout after the service has already stopped.
    public static int Main(string[] args) =>
        BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("TimeActors: a Linux NTP client and server built as actors.");
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(ConfigCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(SimulateCommand.Build());
        foreach (var command in StatusCommands.Build())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }
}
