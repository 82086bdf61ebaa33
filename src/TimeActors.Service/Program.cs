using System.CommandLine;
using TimeActors.Service.Cli;

namespace TimeActors.Service;

/// <summary>The `timeactors` command line: each command group lives in its own file under Cli/.</summary>
public static class Program
{
    public static int Main(string[] args) => BuildRootCommand().Parse(args).Invoke();

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("TimeActors: a Linux NTP client and server built as actors.");
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(ConfigCommand.Build());
        return root;
    }
}
