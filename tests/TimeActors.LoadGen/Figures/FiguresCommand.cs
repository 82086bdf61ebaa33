namespace TimeActors.LoadGen.Figures;

public static class FiguresCommand
{
    public static int Run(CommandLine options) => throw new NotImplementedException();
}
