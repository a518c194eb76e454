using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>
/// <see cref="CmTraceAttributes.Parse"/>: its reading of the layout ConfigMgr writes gives exactly what the reading of
/// any layout (<see cref="CmTraceAttributes.ParseAnyLayout"/>) gives, on that layout and on text a little off it.
/// </summary>
public sealed class CmTraceAttributesTests
{
    private const string ConfigMgr = "<time=\"00:00:01.472+360\" date=\"11-20-2026\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"1003\" file=\"smspxe.cpp:184\">";

    [Theory]
    [InlineData(ConfigMgr)]
    [InlineData(ConfigMgr + " component=\"after the end\"")]
    [InlineData("<time=\"00:00:01.472+360\" date=\"11-20-2026\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"1003\" file=\"x\"<component=\"not the end\">")]
    [InlineData("<time=\"00:00:01.472+360\" date=\"11-20-2026\" component=\"SMSPXE\" context=\"\" type=\"1\" thread=\"1003\" file=\"x\" component=\"not the end\">")]
    [InlineData("<time=\"10:00:00.000+000\" date=\"11-26-2026\" component=\"SMSPXE\">trailing <![LOG[")]
    [InlineData("<component=SMSPXE time=10:00 date=\"11-26-2026\"\ttype=3>")]
    [InlineData("<<  component = \"a\" component=\"b\" thread=\"7\" thread=\"8\">")]
    [InlineData("<component=\"unclosed")]
    [InlineData("<component=\"a\"component=\"b\"type=1")]
    [InlineData("<=\"x\" time\u000b=\"y\" date=\u000c\"z\" >component=\"after the end\"")]
    [InlineData("")]
    [InlineData(">")]
    [InlineData("<time=\"\u00a0\" component\u00a0=\"nbsp is white space\">")]
    public void Parse_Fixtures_AgreesWithAnyLayoutReading(string text) => AssertSameAsAnyLayoutReading(text);

    [Fact]
    public void Parse_ConfigMgrAttributes_ReadsEveryValue()
    {
        // When the attributes ConfigMgr writes are parsed
        var attributes = CmTraceAttributes.Parse(ConfigMgr);

        // Then each value is read
        Assert.Equal("00:00:01.472+360", attributes.Time.ToString());
        Assert.Equal("11-20-2026", attributes.Date.ToString());
        Assert.Equal("SMSPXE", attributes.Component.ToString());
        Assert.Equal("1", attributes.Type.ToString());
        Assert.Equal("1003", attributes.Thread.ToString());
    }

    [Fact]
    public void Parse_ConfigMgrLayoutWithRandomEdits_AgreesWithAnyLayoutReading()
    {
        // Given ConfigMgr's attributes with a few characters inserted, deleted or replaced at random, mostly the ones
        // that end a name or a value, values of every length, and half the time another attribute after the end
        var random = new Random(76);
        const string Boundaries = "<>=\" \t\r\u000b\u00a0xy";
        for (var round = 0; round < 20_000; round++)
        {
            var text = new System.Text.StringBuilder(ConfigMgr.Replace("1003", new string('7', random.Next(40)), StringComparison.Ordinal));
            text.Append(random.Next(2) == 0 ? " component=\"after\"" : string.Empty);
            for (var edit = random.Next(4); edit > 0; edit--)
            {
                var at = random.Next(text.Length + 1);
                var c = Boundaries[random.Next(Boundaries.Length)];
                switch (random.Next(3))
                {
                    case 0: text.Insert(at, c); break;
                    case 1 when at < text.Length: text.Remove(at, 1); break;
                    case 2 when at < text.Length: text[at] = c; break;
                    default: break;
                }
            }

            // Then the parse agrees with the reading of any layout
            AssertSameAsAnyLayoutReading(text.ToString());
        }
    }

    private static void AssertSameAsAnyLayoutReading(string text)
    {
        var parsed = CmTraceAttributes.Parse(text);
        var reference = CmTraceAttributes.ParseAnyLayout(text);
        Assert.Equal(Describe(reference, text), Describe(parsed, text));
    }

    // Each value with where it lies in the text, so a value read from the wrong place with the same text differs.
    private static string Describe(CmTraceAttributes attributes, string text) =>
        $"{Describe(attributes.Time, text)}|{Describe(attributes.Date, text)}|{Describe(attributes.Component, text)}|{Describe(attributes.Type, text)}|{Describe(attributes.Thread, text)}";

    private static string Describe(ReadOnlySpan<char> value, string text) => value.IsEmpty ? "-" : $"{Offset(value, text)}:{value.ToString()}";

    private static long Offset(ReadOnlySpan<char> value, string text) =>
        System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(text.AsSpan()),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(value)) / sizeof(char);
}
