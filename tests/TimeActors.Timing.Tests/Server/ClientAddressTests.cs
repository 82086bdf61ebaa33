using System.Net;
using TimeActors.Timing.Server;

namespace TimeActors.Timing.Tests.Server;

public sealed class ClientAddressTests
{
    [Fact]
    public void An_IPv4_client_and_its_IPv4_mapped_form_are_one_key()
    {
        var v4 = ClientAddress.FromIPAddress(IPAddress.Parse("192.0.2.1"));
        var mapped = ClientAddress.FromIPAddress(IPAddress.Parse("::ffff:192.0.2.1"));
        Assert.Equal(v4, mapped);
        Assert.Equal(ClientAddress.FromIPv4(0xC0000201), v4);
        Assert.True(v4.IsIPv4);
        Assert.Equal(32, v4.BitLength);
        Assert.Equal("192.0.2.1", v4.ToString());
    }

    [Fact]
    public void IPv6_stays_IPv6_and_round_trips()
    {
        var v6 = ClientAddress.FromIPAddress(IPAddress.Parse("2001:db8::7"));
        Assert.False(v6.IsIPv4);
        Assert.Equal(128, v6.BitLength);
        Assert.Equal(IPAddress.Parse("2001:db8::7"), v6.ToIPAddress());
    }

    [Theory]
    [InlineData("10.66.3.9", 16, "10.66.0.0")]
    [InlineData("10.66.3.9", 0, "0.0.0.0")]
    [InlineData("10.66.3.9", 32, "10.66.3.9")]
    [InlineData("10.66.3.9", 31, "10.66.3.8")]
    [InlineData("2001:db8:1:2::9", 48, "2001:db8:1::")]
    [InlineData("2001:db8:1:2::9", 127, "2001:db8:1:2::8")]
    [InlineData("2001:db8:1:2::9", 0, "::")]
    public void Mask_clears_the_bits_after_the_prefix_of_the_family(string address, int prefix, string expected)
    {
        var masked = ClientAddress.FromIPAddress(IPAddress.Parse(address)).Mask(prefix);
        Assert.Equal(IPAddress.Parse(expected), masked.ToIPAddress());
        Assert.Equal(ClientAddress.FromIPAddress(IPAddress.Parse(address)).IsIPv4, masked.IsIPv4);
    }
}
