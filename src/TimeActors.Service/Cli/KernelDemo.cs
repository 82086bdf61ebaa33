namespace TimeActors.Service.Cli;

/// <summary>Placeholder replaced when the actor kernel lands in this commit series.</summary>
public static class KernelDemo
{
    public static int Run(TextWriter output)
    {
        output.WriteLine("TimeActors kernel demo");
        return 0;
    }
}
