using TimeActors.Linux.Native;

namespace TimeActors.Linux;

/// <summary>A system call failed. <see cref="Errno"/> keeps the kernel's reason for callers that branch on it.</summary>
public class KernelCallException : IOException
{
    public KernelCallException(string call, int errno)
        : this(call, errno, $"{call} failed: {Libc.Describe(errno)} (errno {errno})")
    {
    }

    public KernelCallException(string call, int errno, string message)
        : base(message)
    {
        Call = call;
        Errno = errno;
    }

    public KernelCallException()
        : this("unknown", 0, "kernel call failed")
    {
    }

    public KernelCallException(string message)
        : this("unknown", 0, message)
    {
    }

    public KernelCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        Call = "unknown";
    }

    /// <summary>The call that failed, e.g. "setsockopt(SO_TIMESTAMPING)".</summary>
    public string Call { get; }

    /// <summary>The errno value the kernel returned.</summary>
    public int Errno { get; }

    /// <summary>Reads errno first: formatting <paramref name="subject"/> may run other interop that overwrites it.</summary>
    internal static KernelCallException FromLastError(string call, object? subject = null)
    {
        var errno = Libc.LastError;
        return new KernelCallException(subject is null ? call : $"{call} {subject}", errno);
    }
}
