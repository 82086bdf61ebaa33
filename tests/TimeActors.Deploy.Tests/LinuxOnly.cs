global using TimeActors.Tests.Shared;
using System.Runtime.Versioning;

// systemd, Unix datagram sockets, POSIX signals and the deploy scripts: Linux only.
[assembly: SupportedOSPlatform("linux")]
