using System.Runtime.ExceptionServices;
using TimeActors.Linux.Native;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux;

/// <summary>
/// Runs code inside another network namespace. setns(CLONE_NEWNET) changes only the calling thread,
/// so the code runs on a dedicated thread that is discarded afterwards; sockets created there keep
/// that namespace and may be used from any thread later. Needs CAP_SYS_ADMIN.
/// </summary>
public static class NetworkNamespace
{
    /// <param name="nameOrPath">A name under /var/run/netns (as made by "ip netns add"), or a path such as /proc/PID/ns/net.</param>
    public static T Run<T>(string nameOrPath, Func<T> action)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        ArgumentNullException.ThrowIfNull(action);
        LinuxAbi.EnsureSupported();
        var path = nameOrPath.Contains('/', StringComparison.Ordinal) ? nameOrPath : $"/var/run/netns/{nameOrPath}";
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Enter(path);
                result = action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        { IsBackground = true, Name = $"netns {nameOrPath}" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static void Enter(string path)
    {
        var fd = Libc.open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
        {
            throw KernelCallException.FromLastError("open", path);
        }

        try
        {
            if (Libc.setns(fd, CLONE_NEWNET) != 0)
            {
                throw KernelCallException.FromLastError("setns(CLONE_NEWNET)", path);
            }
        }
        finally
        {
            Libc.close(fd);
        }
    }
}
