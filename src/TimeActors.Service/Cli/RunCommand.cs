using System.CommandLine;
using TimeActors.Service.Hosting;

namespace TimeActors.Service.Cli;

/// <summary>`timeactors run [--config FILE]`: the service in the foreground, logging with Serilog, until SIGTERM or SIGINT.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var command = new Command("run", "Run the time service in the foreground until SIGTERM or SIGINT. Exit codes: 0 stopped on request, 1 failed, 2 invalid configuration.");
        var config = new Option<FileInfo?>("--config") { Description = "The operator's HOCON file, laid over the built-in reference.conf." };
        command.Options.Add(config);
        command.SetAction(result =>
        {
            using var composition = ServiceComposition.CreateDefault();
            return ServiceRunner.Run(result.GetValue(config)?.FullName, composition, result.InvocationConfiguration.Error);
        });
        return command;
    }
}
