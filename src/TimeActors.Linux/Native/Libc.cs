using System.Runtime.InteropServices;

namespace TimeActors.Linux.Native;

/// <summary>
/// The raw libc entry points. Pointers stay inside this assembly: every public API wraps these with
/// spans, value types and exceptions. All calls set errno, read back with Marshal.GetLastPInvokeError.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int setsockopt(int fd, int level, int name, void* value, uint length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int getsockopt(int fd, int level, int name, void* value, uint* length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int bind(int fd, byte* address, uint length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int connect(int fd, byte* address, uint length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int getsockname(int fd, byte* address, uint* length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint sendmsg(int fd, void* message, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint recvmsg(int fd, void* message, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int recvmmsg(int fd, void* messages, uint count, int flags, void* timeout);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int sendmmsg(int fd, void* messages, uint count, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int sched_setaffinity(int pid, nuint size, void* mask);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int sched_getaffinity(int pid, nuint size, void* mask);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int epoll_create1(int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int epoll_ctl(int epollFd, int operation, int fd, void* epollEvent);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int epoll_wait(int epollFd, void* events, int maxEvents, int timeoutMs);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int eventfd(uint initialValue, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint read(int fd, void* buffer, nuint count);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint write(int fd, void* buffer, nuint count);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int poll(void* fds, nuint count, int timeoutMs);

    // ioctl is variadic in C; every request used here passes exactly one pointer, which the
    // x86_64 and arm64 Linux ABIs pass like a fixed argument.
    [LibraryImport(Library, SetLastError = true)]
    internal static partial int ioctl(int fd, nuint request, void* argument);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int adjtimex(void* timex);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int clock_adjtime(int clockId, void* timex);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int clock_gettime(int clockId, void* timespec);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int setns(int fd, int namespaceType);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial uint if_nametoindex(string name);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial byte* if_indextoname(uint index, byte* name);

    [LibraryImport(Library)]
    internal static partial byte* strerror(int errno);

    [LibraryImport(Library)]
    internal static partial int gettid();

    internal static int LastError => Marshal.GetLastPInvokeError();

    internal static string Describe(int errno)
    {
        var text = strerror(errno);
        return text is null ? $"errno {errno}" : Marshal.PtrToStringUTF8((nint)text) ?? $"errno {errno}";
    }
}
