using System.Text.RegularExpressions;
using TimeActors.Service.Settings;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// The configurations shipped in deploy/ load without an error through the service's own loader (the
/// one `timeactors run` and `timeactors config check` use), and say what the deployment around them
/// relies on.
/// </summary>
public sealed partial class ShippedConfigurationTests
{
    /// <summary>The HOCON file embedded in the ConfigMap, with the YAML block indentation removed.</summary>
    private static string ConfigMapHocon()
    {
        var yaml = File.ReadAllText(DeployFiles.Deploy("kubernetes", "configmap.yaml"));
        var lines = yaml.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith("timeactors.conf: |", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.NotEmpty(lines);
        var indent = lines.First(l => l.Trim().Length > 0).TakeWhile(c => c == ' ').Count();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.Trim()));
    }

    [Fact]
    public void The_example_for_etc_timeactors_loads_and_steers_the_clock()
    {
        var settings = SettingsLoader.Load(DeployFiles.ExampleConfig, new Dictionary<string, string>());
        Assert.Equal("control", settings.Clock.ModeName);
        Assert.NotEmpty(settings.Sources);
        Assert.Equal("/run/timeactors/control.sock", settings.Control.SocketPath);
    }

    [Fact]
    public void The_kubernetes_configmap_passes_config_check_with_the_node_address_from_the_environment()
    {
        using var dir = DeployFiles.TempDirectory();
        var file = dir.File("timeactors.conf");
        File.WriteAllText(file, ConfigMapHocon());
        var environment = new Dictionary<string, string> { ["NODE_IP"] = "10.1.2.3" };

        // As the pod would: the variable comes from the process environment (the downward API).
        Tool.Run("dotnet", [DeployFiles.ServiceDll, "config", "check", file], environment).EnsureSuccess("timeactors config check");
        var shown = Tool.Run("dotnet", [DeployFiles.ServiceDll, "config", "show", "--config", file], environment).EnsureSuccess("timeactors config show").Output;
        Assert.Matches(@"timeactors\.metrics\.listen = ""10\.1\.2\.3:9465""", shown);
        Assert.Matches(@"timeactors\.clock\.mode = ""control""", shown);
        Assert.Matches(@"timeactors\.logging\.format = ""json""", shown);

        // Without NODE_IP the pod would not start: the check says so instead of listening somewhere unintended.
        Assert.NotEqual(0, Tool.Run("dotnet", [DeployFiles.ServiceDll, "config", "check", file], new Dictionary<string, string> { ["NODE_IP"] = "" }).ExitCode);
    }

    [Fact]
    public void The_daemonset_runs_on_every_node_in_the_host_network_with_sys_time_only()
    {
        var yaml = File.ReadAllText(DeployFiles.Deploy("kubernetes", "daemonset.yaml"));
        Assert.Contains("kind: DaemonSet", yaml, StringComparison.Ordinal);
        Assert.Contains("hostNetwork: true", yaml, StringComparison.Ordinal);
        Assert.Matches(@"drop: \[""ALL""\]\s*\n\s*add: \[""SYS_TIME""\]", yaml);
        Assert.Contains("runAsNonRoot: true", yaml, StringComparison.Ordinal);
        Assert.Contains("readOnlyRootFilesystem: true", yaml, StringComparison.Ordinal);
        Assert.Matches(@"tolerations:\s*\n\s*- operator: Exists", yaml);
        Assert.Matches(@"priorityClassName: \S+", yaml);
        Assert.Matches(@"livenessProbe:\s*\n\s*exec:\s*\n\s*command: \[""timeactors"", ""status"", ""--json""", yaml);
        Assert.Contains("prometheus.io/scrape: \"true\"", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_annotation_container_port_and_listen_address_name_the_same_port()
    {
        var daemonset = File.ReadAllText(DeployFiles.Deploy("kubernetes", "daemonset.yaml"));
        var annotated = AnnotatedPort().Match(daemonset).Groups[1].Value;
        var container = ContainerPort().Match(daemonset).Groups[1].Value;
        var listen = ListenPort().Match(ConfigMapHocon()).Groups[1].Value;
        Assert.NotEqual("", annotated);
        Assert.Equal(annotated, container);
        Assert.Equal(annotated, listen);
        Assert.Contains("port: metrics", File.ReadAllText(DeployFiles.Deploy("kubernetes", "podmonitor.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_runs_the_service_as_a_non_root_user_with_a_status_health_check()
    {
        var dockerfile = File.ReadAllText(DeployFiles.Deploy("container", "Dockerfile"));
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:\S+ AS build$", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/runtime:\S+ AS runtime$", dockerfile);
        Assert.Matches(@"(?m)^USER app$", dockerfile);
        Assert.Matches(@"(?m)^ARG FILE_CAPS=cap_sys_time\+ep$", dockerfile);
        Assert.Matches(@"(?m)^\s*CMD \[""timeactors"", ""status"", ""--json""", dockerfile);
        Assert.Matches(@"(?m)^CMD \[""run"", ""--config"", ""/etc/timeactors/timeactors.conf""\]$", dockerfile);
        // The build settings the analyzers depend on (warnings are errors) travel into the build stage.
        Assert.Matches(@"(?m)^COPY global\.json Directory\.Build\.props Directory\.Packages\.props \.editorconfig \./$", dockerfile);

        // Every project the service references is restored from the COPY lines before the sources arrive.
        foreach (var project in Directory.GetFiles(RepositoryPaths.InRepo("src"), "*.csproj", SearchOption.AllDirectories)
                     .Where(p => !p.Contains("TestKit", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, project).Replace('\\', '/');
            Assert.Contains($"COPY {relative} ", dockerfile, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"prometheus\.io/port: ""(\d+)""")]
    private static partial Regex AnnotatedPort();

    [GeneratedRegex(@"- name: metrics\s*\n\s*containerPort: (\d+)")]
    private static partial Regex ContainerPort();

    [GeneratedRegex(@"listen = \$\{NODE_IP\}"":(\d+)""")]
    private static partial Regex ListenPort();
}
