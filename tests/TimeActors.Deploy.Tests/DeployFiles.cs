namespace TimeActors.Deploy.Tests;

/// <summary>Paths of the deployment material under test.</summary>
internal static class DeployFiles
{
    public static string Deploy(params string[] parts) => RepositoryPaths.InRepo(["deploy", .. parts]);

    public static string Unit => Deploy("systemd", "timeactors.service");

    public static string InstallScript => Deploy("install.sh");

    public static string ExampleConfig => Deploy("config", "timeactors.conf");

    public static string Rules => Deploy("prometheus", "timeactors-rules.yml");

    public static string RulesTest => Deploy("prometheus", "timeactors-rules.test.yml");

    public static string Dashboard => Deploy("grafana", "timeactors-dashboard.json");

    /// <summary>The service's apphost, copied next to the tests by the project reference.</summary>
    public static string ServiceDll => Path.Combine(AppContext.BaseDirectory, "timeactors.dll");

    /// <summary>A fresh directory removed by the caller's <c>using</c>.</summary>
    public static TempDirectory TempDirectory() => new();
}
