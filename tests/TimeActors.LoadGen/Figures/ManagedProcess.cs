using TimeActors.EndToEnd.Tests.Harness;

namespace TimeActors.LoadGen.Figures;

/// <summary>
/// A daemon the figures run on loopback: its private directory under the run's work directory and
/// the process (stopped on dispose: SIGTERM, then SIGKILL).
/// </summary>
public abstract class ManagedProcess(string name, string directory) : IDisposable
{
    private BackgroundProcess? _process;

    public string Name { get; } = name;

    public string Directory { get; } = directory;

    public int Pid => Process.Pid;

    public BackgroundProcess Process => _process ?? throw new InvalidOperationException($"{Name} is not running");

    public long RssBytes => ProcessUsage.Read(Pid).RssBytes;

    public void EnsureRunning()
    {
        if (Process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with {Process.ExitCode}:\n{Process.Output}");
        }
    }

    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
        GC.SuppressFinalize(this);
    }

    protected void Start(params string[] command) => _process = BackgroundProcess.Start(command);
}
