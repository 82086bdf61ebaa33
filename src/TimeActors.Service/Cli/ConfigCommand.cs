using System.CommandLine;
using TimeActors.Hocon;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Cli;

/// <summary>`timeactors config check FILE` and `timeactors config show [--config FILE]`.</summary>
public static class ConfigCommand
{
    public static Command Build()
    {
        var config = new Command("config", "Check or show the service's HOCON configuration.");

        var check = new Command("check", "Validate a configuration file against the reference; prints `ok` or every error with file and line.");
        var file = new Argument<FileInfo>("FILE") { Description = "The HOCON file to check (laid over the built-in reference.conf)." };
        check.Arguments.Add(file);
        check.SetAction(result => Check(result.GetValue(file)!.FullName, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));

        var show = new Command("show", "Print the effective configuration, one key per line with the file:line that set it.");
        var configFile = new Option<FileInfo?>("--config") { Description = "The operator's HOCON file; without it the defaults are shown." };
        show.Options.Add(configFile);
        show.SetAction(result => Show(result.GetValue(configFile)?.FullName, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));

        config.Subcommands.Add(check);
        config.Subcommands.Add(show);
        return config;
    }

    /// <returns>0 and "ok" when the file parses, resolves and binds; otherwise 1 with the errors.</returns>
    public static int Check(string file, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string>? environment = null)
    {
        try
        {
            SettingsLoader.Load(file, environment);
            output.WriteLine("ok");
            return 0;
        }
        catch (HoconException e)
        {
            error.WriteLine(e.Message);
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Errors)
            {
                error.WriteLine(problem);
            }
        }

        return 1;
    }

    /// <returns>0 after printing the merged configuration, 1 when it cannot be parsed or resolved.</returns>
    public static int Show(string? file, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string>? environment = null)
    {
        Config config;
        try
        {
            config = SettingsLoader.LoadConfig(file, environment);
        }
        catch (HoconException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }

        var leaves = config.AsEnumerable().ToList();
        var width = leaves.Count == 0 ? 0 : leaves.Max(l => l.Key.Length + 3 + l.Value.ToString().Length);
        foreach (var (path, value) in leaves)
        {
            var line = $"{path} = {value}";
            output.WriteLine($"{line.PadRight(width)}  # {value.Origin}");
        }

        return 0;
    }
}
