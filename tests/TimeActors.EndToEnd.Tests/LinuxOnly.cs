using System.Runtime.Versioning;

// Network namespaces, veth, chronyd and Unix file modes: the whole harness exists only on Linux.
[assembly: SupportedOSPlatform("linux")]
