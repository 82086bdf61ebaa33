using System.Globalization;
using System.Text;
using TimeActors.Hocon;

namespace TimeActors.Hocon.Tests;

/// <summary>
/// Property: any JSON tree, rendered as JSON, parses back to an equal tree both as .json and as .conf
/// (HOCON is a JSON superset). Trees come from a seeded generator, so failures reproduce.
/// </summary>
public sealed class RoundTripPropertyTests
{
    private const string KeyAlphabet = "ab.c -_\"\\/$#{}[]:=,+é\u2003\t\n0123";

    [Fact]
    public void Random_json_trees_round_trip_through_both_syntaxes()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var tree = RandomObject(random, depth: 0);
            var text = tree.ToString();
            var asJson = ConfigurationFactory.ParseString(text, Hocon.NoEnvironment with { Syntax = HoconSyntax.Json }).Root;
            var asConf = Hocon.Parse(text).Root;
            Assert.True(tree.Equals(asJson), $"seed {seed} (json): {text}\n-> {asJson}");
            Assert.True(tree.Equals(asConf), $"seed {seed} (conf): {text}\n-> {asConf}");
        }
    }

    [Fact]
    public void Equality_used_by_the_property_detects_a_changed_leaf()
    {
        var a = Hocon.Parse("x { y = [1, \"two\", 3.5] }").Root;
        var b = Hocon.Parse("x { y = [1, \"two\", 3.25] }").Root;
        Assert.False(a.Equals(b));
    }

    private static HoconObject RandomObject(Random random, int depth)
    {
        var obj = new List<KeyValuePair<string, HoconValue>>();
        var count = random.Next(depth == 0 ? 1 : 0, 5);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = RandomString(random, KeyAlphabet, 6);
            if (keys.Add(key))
            {
                obj.Add(new(key, RandomValue(random, depth + 1)));
            }
        }

        return new HoconObject(obj, HoconOrigin.None);
    }

    private static HoconValue RandomValue(Random random, int depth)
    {
        var origin = HoconOrigin.None;
        switch (random.Next(depth > 3 ? 6 : 8))
        {
            case 0: return HoconScalar.Number(random.Next(-1_000_000, 1_000_000).ToString(CultureInfo.InvariantCulture), origin);
            case 1: return HoconScalar.Number((random.NextDouble() * Math.Pow(10, random.Next(-8, 20))).ToString("R", CultureInfo.InvariantCulture), origin);
            case 2: return HoconScalar.Boolean(random.Next(2) == 0, origin);
            case 3: return HoconScalar.Null(origin);
            case 4:
            case 5: return HoconScalar.String(RandomString(random, KeyAlphabet + "\u0001\u001fxyz${}", 12), origin);
            case 6: return new HoconArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)), origin);
            default: return RandomObject(random, depth);
        }
    }

    private static string RandomString(Random random, string alphabet, int maxLength)
    {
        var sb = new StringBuilder();
        var length = random.Next(maxLength + 1);
        for (var i = 0; i < length; i++)
        {
            sb.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return sb.ToString();
    }
}
