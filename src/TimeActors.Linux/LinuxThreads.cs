using TimeActors.Linux.Native;

namespace TimeActors.Linux;

/// <summary>Kernel-side identity of the calling thread, for diagnostics under /proc/self/task/TID.</summary>
public static class LinuxThreads
{
    /// <summary>gettid(): the kernel thread id (differs from the managed thread id).</summary>
    public static int CurrentThreadId => Libc.gettid();

    /// <summary>
    /// The kernel function the thread is sleeping in (/proc/self/task/TID/wchan), e.g. "do_epoll_wait";
    /// empty or "0" while running.
    /// </summary>
    public static string WaitChannel(int threadId)
    {
        try
        {
            return File.ReadAllText($"/proc/self/task/{threadId}/wchan");
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
