using System.Runtime.InteropServices;

namespace TimeActors.Linux.Native;

// LP64 layouts (x86_64, arm64) of the glibc structs passed by pointer; sizes pinned by the tests
// (msghdr 56, mmsghdr 64, iovec 16).

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    internal void* Base;
    internal nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    internal void* Name;
    internal uint NameLength;
    internal IoVec* Iov;
    internal nuint IovLength;
    internal void* Control;
    internal nuint ControlLength;
    internal int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal struct MMsgHdr
{
    internal MsgHdr Header;
    internal uint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    internal int Fd;
    internal short Events;
    internal short ReturnedEvents;
}
