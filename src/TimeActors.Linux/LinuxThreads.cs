using TimeActors.Linux.Native;

namespace TimeActors.Linux;

/// <summary>Kernel-side identity and CPU placement of the calling thread.</summary>
public static unsafe class LinuxThreads
{
    private const int MaskBytes = 128; // cpu_set_t: 1024 CPUs

    /// <summary>The CPUs the calling thread may run on (sched_getaffinity), ascending; a new thread inherits its creator's.</summary>
    public static int[] AllowedProcessors()
    {
        var mask = stackalloc byte[MaskBytes];
        if (Libc.sched_getaffinity(0, MaskBytes, mask) != 0)
        {
            throw KernelCallException.FromLastError("sched_getaffinity");
        }

        var cpus = new List<int>();
        for (var cpu = 0; cpu < MaskBytes * 8; cpu++)
        {
            if ((mask[cpu / 8] & (1 << (cpu % 8))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return [.. cpus];
    }

    /// <summary>Binds the calling thread to one CPU (sched_setaffinity on its own thread id).</summary>
    public static void PinCurrentThread(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cpu, MaskBytes * 8);
        var mask = stackalloc byte[MaskBytes];
        new Span<byte>(mask, MaskBytes).Clear();
        mask[cpu / 8] = (byte)(1 << (cpu % 8));
        if (Libc.sched_setaffinity(0, MaskBytes, mask) != 0)
        {
            throw KernelCallException.FromLastError("sched_setaffinity", cpu);
        }
    }

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
