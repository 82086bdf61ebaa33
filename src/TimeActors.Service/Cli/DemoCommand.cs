using System.CommandLine;

namespace TimeActors.Service.Cli;

/// <summary>`timeactors demo`: a short run of the actor kernel, until the simulated service exists.</summary>
public static class DemoCommand
{
    public static Command Build()
    {
        var command = new Command("demo", "Run a short demonstration of the actor kernel (no network, no privileges).");
        command.SetAction(_ => KernelDemo.Run(Console.Out));
        return command;
    }
}
