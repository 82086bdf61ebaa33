using System.Net;
using FsCheck;
using FsCheck.Fluent;
using TimeActors.Timing.Server;
using TimeActors.Timing.Tests.Selection;

namespace TimeActors.Timing.Tests.Server;

public class AccessControlListTests
{
    private static ClientAddress A(string ip) => ClientAddress.FromIPAddress(IPAddress.Parse(ip));

    private static AccessRule Allow(string cidr) => AccessRule.Parse(cidr, allow: true);

    private static AccessRule Deny(string cidr) => AccessRule.Parse(cidr, allow: false);

    [Fact]
    public void Without_rules_everyone_is_denied()
    {
        Assert.False(AccessControlList.DenyAllList.IsAllowed(A("192.0.2.1")));
        Assert.False(AccessControlList.DenyAllList.IsAllowed(A("2001:db8::1")));
    }

    [Fact]
    public void An_allowed_network_admits_its_hosts_only()
    {
        var acl = new AccessControlList([Allow("192.168.0.0/16")]);

        Assert.True(acl.IsAllowed(A("192.168.5.5")));
        Assert.False(acl.IsAllowed(A("192.169.0.1")));
        Assert.False(acl.IsAllowed(A("10.0.0.1")));
    }

    [Fact]
    public void The_most_specific_rule_wins_whatever_the_order()
    {
        AccessRule[] rules = [Allow("10.1.2.0/24"), Deny("10.1.0.0/16"), Allow("10.0.0.0/8")];
        foreach (var order in new[] { rules, rules.Reverse().ToArray() })
        {
            var acl = new AccessControlList(order);
            Assert.True(acl.IsAllowed(A("10.1.2.3")));
            Assert.False(acl.IsAllowed(A("10.1.3.3")));
            Assert.True(acl.IsAllowed(A("10.2.0.1")));
            Assert.False(acl.IsAllowed(A("11.0.0.1")));
        }
    }

    [Fact]
    public void For_the_same_network_the_later_rule_wins()
    {
        Assert.False(new AccessControlList([Allow("10.0.0.0/8"), Deny("10.0.0.0/8")]).IsAllowed(A("10.9.9.9")));
        Assert.True(new AccessControlList([Deny("10.0.0.0/8"), Allow("10.0.0.0/8")]).IsAllowed(A("10.9.9.9")));
    }

    [Fact]
    public void Ipv6_networks_nest_like_ipv4_ones()
    {
        var acl = new AccessControlList([Allow("2001:db8::/32"), Deny("2001:db8:1::/48"), Allow("2001:db8:1::5")]);

        Assert.True(acl.IsAllowed(A("2001:db8:2::1")));
        Assert.False(acl.IsAllowed(A("2001:db8:1::1")));
        Assert.True(acl.IsAllowed(A("2001:db8:1::5")));
        Assert.False(acl.IsAllowed(A("2001:db9::1")));
    }

    [Fact]
    public void Families_are_separate_except_for_all_and_mapped_addresses()
    {
        var v4Only = new AccessControlList([Allow("0.0.0.0/0")]);
        var all = new AccessControlList([AccessRule.AllowAll, Deny("192.0.2.0/24")]);

        Assert.True(v4Only.IsAllowed(A("198.51.100.1")));
        Assert.True(v4Only.IsAllowed(A("::ffff:198.51.100.1")));
        Assert.False(v4Only.IsAllowed(A("2001:db8::1")));
        Assert.True(all.IsAllowed(A("2001:db8::1")));
        Assert.True(all.IsAllowed(A("198.51.100.1")));
        Assert.False(all.IsAllowed(A("::ffff:192.0.2.9")));
    }

    [Fact]
    public void Host_bits_and_mapped_prefixes_are_normalised()
    {
        Assert.Equal(Allow("192.168.1.0/24"), Allow("192.168.1.77/24"));
        Assert.Equal(Allow("192.168.1.0/24"), Allow("::ffff:192.168.1.0/120"));
        Assert.Equal(32, Allow("192.0.2.1").PrefixLength);
        Assert.Equal(128, Allow("2001:db8::1").PrefixLength);
        Assert.Equal(AccessRule.AllowAll, Allow("all"));
    }

    [Theory]
    [InlineData("192.168.0.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("192.168.0.0/-1")]
    [InlineData("not-an-address")]
    [InlineData("::ffff:10.0.0.0/64")]
    public void Malformed_networks_are_refused(string text) =>
        Assert.Throws<FormatException>(() => Allow(text));

    [Fact]
    public void Lookup_allocates_nothing()
    {
        var acl = new AccessControlList([Allow("10.0.0.0/8"), Deny("10.1.0.0/16"), Allow("2001:db8::/32")]);
        var v4 = A("10.1.2.3");
        var v6 = A("2001:db8::1");
        acl.IsAllowed(v4);
        acl.IsAllowed(v6);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            acl.IsAllowed(v4);
            acl.IsAllowed(v6);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Decisions_match_a_naive_longest_prefix_scan() =>
        PropertyCheck.Run(Prop.ForAll(
            (from rules in Gen.ArrayOf(
                    from bits in Gen.Choose(0, 255)
                    from more in Gen.Choose(0, 255)
                    from prefix in Gen.Choose(0, 32)
                    from allow in Gen.Elements(true, false)
                    select new AccessRule(ClientAddress.FromIPv4(0x0A000000u | ((uint)bits << 16) | ((uint)more << 8)).Mask(prefix), prefix, allow))
             from clients in Gen.ArrayOf(
                    from bits in Gen.Choose(0, 255)
                    from more in Gen.Choose(0, 255)
                    from low in Gen.Choose(0, 255)
                    select ClientAddress.FromIPv4(0x0A000000u | ((uint)bits << 16) | ((uint)more << 8) | (uint)low))
             select (rules, clients)).ToArbitrary(),
            input =>
            {
                var acl = new AccessControlList(input.rules);
                return input.clients.All(c => acl.IsAllowed(c) == NaiveDecision(input.rules, c));
            }));

    // The specification, spelled out: longest matching prefix, later rule on ties, else deny.
    private static bool NaiveDecision(AccessRule[] rules, ClientAddress client)
    {
        var bestLength = -1;
        var decision = false;
        foreach (var rule in rules)
        {
            if (client.Mask(rule.PrefixLength) == rule.Network && rule.PrefixLength >= bestLength)
            {
                bestLength = rule.PrefixLength;
                decision = rule.Allow;
            }
        }

        return decision;
    }
}
