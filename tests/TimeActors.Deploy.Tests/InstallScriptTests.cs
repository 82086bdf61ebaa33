namespace TimeActors.Deploy.Tests;

/// <summary>
/// deploy/install.sh staged under a temporary root (--root: no user is created, systemctl is not
/// called) from the service build next to these tests (--from): what it installs, that a second run
/// changes nothing, that an operator's configuration survives an upgrade, that --dry-run changes
/// nothing and that --uninstall removes what it installed.
/// </summary>
public sealed class InstallScriptTests
{
    private const string Prefix = "/opt/timeactors-test";

    private static Tool Install(params string[] args) =>
        Tool.Run("bash", [DeployFiles.InstallScript, .. args], null);

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                p => Path.GetRelativePath(root, p),
                p => new FileInfo(p).LinkTarget ?? (File.Exists(p) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))) : "dir"),
                StringComparer.Ordinal);

    [Fact]
    public void A_staged_install_places_program_unit_and_configuration_and_a_second_run_changes_nothing()
    {
        using var dir = DeployFiles.TempDirectory();
        var root = dir.File("root");
        Install("--root", root, "--from", AppContext.BaseDirectory, "--prefix", Prefix).EnsureSuccess("install.sh");

        var program = Path.Combine(root, "opt/timeactors-test/lib/timeactors/timeactors");
        Assert.True(File.Exists(program));
        Assert.True(File.GetUnixFileMode(program).HasFlag(UnixFileMode.OtherExecute));
        Assert.Equal($"{Prefix}/lib/timeactors/timeactors", new FileInfo(Path.Combine(root, "opt/timeactors-test/bin/timeactors")).LinkTarget);

        var unit = UnitFile.Parse(File.ReadAllText(Path.Combine(root, "etc/systemd/system/timeactors.service")));
        Assert.Equal($"{Prefix}/bin/timeactors run --config /etc/timeactors/timeactors.conf", unit.Single("Service", "ExecStart"));
        Assert.Equal(File.ReadAllText(DeployFiles.ExampleConfig), File.ReadAllText(Path.Combine(root, "etc/timeactors/timeactors.conf")));
        Assert.True(File.Exists(Path.Combine(root, "opt/timeactors-test/share/doc/timeactors/operations.md")));

        var before = Snapshot(root);
        Install("--root", root, "--from", AppContext.BaseDirectory, "--prefix", Prefix).EnsureSuccess("install.sh, again");
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public void An_upgrade_keeps_the_operators_configuration_and_puts_the_new_example_beside_it()
    {
        using var dir = DeployFiles.TempDirectory();
        var root = dir.File("root");
        Install("--root", root, "--from", AppContext.BaseDirectory, "--prefix", Prefix).EnsureSuccess("install.sh");
        var conf = Path.Combine(root, "etc/timeactors/timeactors.conf");
        var edited = "timeactors { clock.mode = observe, sources = [ { server = \"10.200.0.1\" } ] }\n";
        File.WriteAllText(conf, edited);

        var upgrade = Install("--root", root, "--from", AppContext.BaseDirectory, "--prefix", Prefix).EnsureSuccess("install.sh upgrade");
        Assert.Equal(edited, File.ReadAllText(conf));
        Assert.Equal(File.ReadAllText(DeployFiles.ExampleConfig), File.ReadAllText(conf + ".example"));
        Assert.Contains("kept your", upgrade.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_configuration_fails_the_install_with_the_checkers_message()
    {
        using var dir = DeployFiles.TempDirectory();
        var root = dir.File("root");
        Directory.CreateDirectory(Path.Combine(root, "etc/timeactors"));
        File.WriteAllText(Path.Combine(root, "etc/timeactors/timeactors.conf"), "timeactors { clock.mode = sometimes }\n");

        var result = Install("--root", root, "--from", AppContext.BaseDirectory, "--prefix", Prefix);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("timeactors.conf:1", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dry_run_shows_the_steps_and_changes_nothing()
    {
        using var dir = DeployFiles.TempDirectory();
        var root = dir.File("root");
        var result = Install("--dry-run", "--root", root, "--prefix", Prefix).EnsureSuccess("install.sh --dry-run");
        Assert.Contains("+ dotnet publish", result.Output, StringComparison.Ordinal);
        Assert.Contains($"+ ln -sfn {Prefix}/lib/timeactors/timeactors {root}{Prefix}/bin/timeactors", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Uninstall_removes_program_and_unit_and_keeps_the_configuration_unless_purged()
    {
        using var dir = DeployFiles.TempDirectory();
        var root = dir.File("root");
        Install("--root", root, "--from", AppContext.BaseDirectory, "--prefix", Prefix).EnsureSuccess("install.sh");

        Install("--root", root, "--prefix", Prefix, "--uninstall").EnsureSuccess("install.sh --uninstall");
        Assert.False(Directory.Exists(Path.Combine(root, "opt/timeactors-test/lib/timeactors")));
        Assert.False(File.Exists(Path.Combine(root, "etc/systemd/system/timeactors.service")));
        Assert.True(File.Exists(Path.Combine(root, "etc/timeactors/timeactors.conf")));

        Install("--root", root, "--prefix", Prefix, "--uninstall", "--purge").EnsureSuccess("install.sh --uninstall --purge");
        Assert.False(Directory.Exists(Path.Combine(root, "etc/timeactors")));
    }
}
