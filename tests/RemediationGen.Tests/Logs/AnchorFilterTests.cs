using System.Text;
using RemediationGen.Logs;
using RemediationGen.Problems;

namespace RemediationGen.Tests.Logs;

/// <summary>
/// The scan's vectorized first stage (<see cref="AnchorFilter"/>) and the search built on it, against the exact
/// search on random text: signatures in any case, cut short, with 'ı' or 'ſ' for 'i' or 's' (which ordinal
/// comparison ignoring case does not take for them), other non-ASCII text, runs of zeros and every kind of line
/// break, at every length around a step.
/// </summary>
public sealed class AnchorFilterTests
{
    private static readonly string[] RuleSignatures =
        [.. ProblemSet.Core.Rules.SelectMany(rule => rule.Signatures).Distinct(StringComparer.OrdinalIgnoreCase)];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Next_ReportsEveryAnchorOpening_InOrder(bool wide)
    {
        // Given the rules' anchors and a filter of each width
        var anchors = RuleSignatures.Select(s => s[SignatureAnchors.StartOf(s)..]).ToArray();
        var filter = AnchorFilter.TryCreate(anchors, wide);
        if (!System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            // Without AVX2 there is no filter, and the search is the library's (the other tests cover it)
            Assert.Null(filter);
            return;
        }

        Assert.NotNull(filter);
        var random = new Random(20261126);

        for (var round = 0; round < 1500; round++)
        {
            var text = RandomText(random, anchors);

            // When every position the filter stops at is collected
            var reported = new Dictionary<int, int>();
            var last = -1;
            for (var at = filter.NextInText(text, 0, out var buckets); at >= 0; at = filter.NextInText(text, at + 1, out buckets))
            {
                Assert.True(at > last, $"positions go forward: {at} after {last} in {Escape(text)}");
                reported[at] = buckets;
                last = at;
            }

            // Then each anchor opening (ignoring ASCII case) is a candidate of its bucket, and no candidate starts
            // with a character outside ASCII
            for (var p = 0; p + AnchorFilter.Window <= text.Length; p++)
            {
                for (var a = 0; a < anchors.Length; a++)
                {
                    if (text.AsSpan(p, AnchorFilter.Window).Equals(anchors[a].AsSpan(0, AnchorFilter.Window), StringComparison.OrdinalIgnoreCase))
                    {
                        Assert.True(
                            reported.TryGetValue(p, out var found) && (found & (1 << filter.BucketOf[a])) != 0,
                            $"anchor '{anchors[a]}' at {p} of {Escape(text)}");
                    }
                }
            }

            Assert.All(reported.Keys, at => Assert.True(text[at] < 0x80 && at + AnchorFilter.Window <= text.Length));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Next_CountsTheBreaksUpToTheCandidate_WhereItsVectorsFoundIt(bool wide)
    {
        // Given the rules' anchors, a filter of each width, and texts full of CR, LF and CRLF around anchors
        var anchors = RuleSignatures.Select(s => s[SignatureAnchors.StartOf(s)..]).ToArray();
        if (AnchorFilter.TryCreate(anchors, wide) is not { } filter)
        {
            return;
        }

        var random = new Random(1128);
        for (var round = 0; round < 1500; round++)
        {
            var text = new StringBuilder();
            var length = random.Next(400);
            while (text.Length < length)
            {
                text.Append(random.Next(12) switch
                {
                    0 => anchors[random.Next(anchors.Length)],
                    < 6 => random.Next(3) switch { 0 => "\r\n", 1 => "\n", _ => "\r" },
                    _ => "x",
                });
            }

            // When the filter goes from candidate to candidate
            var written = text.ToString();
            for (var from = 0; from < written.Length;)
            {
                var at = filter.NextInText(written, from, out _, out var breaks, out var countedTo);

                // Then it counted the breaks from where it started to where it says (each as the whole text has it: a
                // CR before an LF there is no break of its own), which is the candidate where its vectors found it,
                // and never past it
                Assert.Equal(BreaksStartingIn(written, from, countedTo), breaks);
                if (at < 0)
                {
                    break;
                }

                Assert.True(countedTo <= at);
                if (at + AnchorFilter.WideStep + AnchorFilter.Window <= written.Length)
                {
                    Assert.Equal(at, countedTo);
                }

                from = at + 1;
            }
        }
    }

    [Fact]
    public void IndexOfSignature_FindsWhatTheSearchWithoutTheFilterFinds_AWholeSignatureOnTheLineOfTheFirst()
    {
        // Given every rule's signatures
        var signatures = LogSignatures.Create(RuleSignatures, filterFromChars: 0);
        var exact = System.Buffers.SearchValues.Create(RuleSignatures, StringComparison.OrdinalIgnoreCase);
        var random = new Random(1126);

        for (var round = 0; round < 3000; round++)
        {
            var text = RandomText(random, RuleSignatures);

            // When a text is searched
            var at = signatures.IndexOfSignature(text, out var length, out var breaksBefore);

            // Then the filter changes nothing: the same signature at the same place as the search without it
            Assert.Equal((signatures.IndexOfSignatureWithoutFilter(text, out var unfilteredLength), unfilteredLength), (at, length));

            // And the line breaks it counted on the way are those before the hit, or in the whole text
            Assert.Equal(LineBreaks.Count(at < 0 ? text : text[..at]), breaksBefore);

            // And the hit is a whole signature (ignoring case, as OrdinalIgnoreCase compares) on the line of the
            // first one, and the miss is a text with none
            var first = text.AsSpan().IndexOfAny(exact);
            if (first < 0)
            {
                Assert.True(at == -1, $"no signature in {Escape(text)}, found one at {at}");
                continue;
            }

            Assert.True(at >= 0, $"missed the signature at {first} of {Escape(text)}");
            Assert.Contains(RuleSignatures, s => s.Length == length && text.AsSpan(at).StartsWith(s, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(LineOf(text, first), LineOf(text, at));
        }
    }

    [Theory]
    [InlineData("BEGIN VALIDATION OF CERTIFICATE [THUMBPRINT ", 346)]
    [InlineData("dp cert query: exec spupdatedpcert n'", 346)]
    [InlineData("Begin valıdation of Certificate [Thumbprint ", -1)]
    [InlineData("Failed to get the encrypted PXE paſſword", -1)]
    public void IndexOfSignature_PastManyStepsOfText_AgreesWithOrdinalIgnoreCase(string written, int expected)
    {
        // Given a signature written in another case, or with 'ı' or 'ſ' for 'i' or 's', after several filter steps
        // of ASCII text and a line of other non-ASCII text
        var signatures = LogSignatures.Create(RuleSignatures, filterFromChars: 0);
        var text = string.Concat(Enumerable.Repeat("PXE Provider loaded. {000003EC-1A2B} ", 9)) + "\r\nZürich €\n" + "x " + written + "dp1\n";

        // When searched, then it is found exactly where ordinal comparison ignoring case finds it
        Assert.Equal(expected, text.AsSpan().IndexOfAny(System.Buffers.SearchValues.Create(RuleSignatures, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(expected, signatures.IndexOfSignature(text));
    }

    [Fact]
    public void IndexOfSignature_ASignatureOutsideAsciiBeforeItsAnchor_IsComparedIgnoringCaseByTheLibrary()
    {
        // Given a signature whose opening words are not ASCII (its anchor is), found through the filter
        var signatures = LogSignatures.Create(["Zürich: Failed to validate PXEClientKey certificate"], filterFromChars: 0);
        var text = string.Concat(Enumerable.Repeat("PXE Provider loaded. ", 6)) + "ZÜRICH: FAILED TO VALIDATE pxeclientkey CERTIFICATE\n";

        // When searched, then it matches ignoring case, as OrdinalIgnoreCase compares 'ü' and 'Ü'
        Assert.Equal(text.IndexOf("ZÜRICH", StringComparison.Ordinal), signatures.IndexOfSignature(text));
    }

    [Fact]
    public void IndexOfSignature_ATextPastTheFilterThreshold_IsSearchedWithTheFilter_AndFindsTheSame()
    {
        // Given the catalog's search as the scan builds it, and texts just under and just over the length from which
        // the filter is used, each ending in a signature after text that opens like one
        var signatures = LogSignatures.Create(RuleSignatures);
        foreach (var length in new[] { LogSignatures.FilterFromChars - 100, LogSignatures.FilterFromChars + 100 })
        {
            var filler = string.Concat(Enumerable.Repeat("Remove unused content PS1000 from dp1. ", (length / 30) + 1))[..length];
            var text = filler + "Remove unused provision certificate with hash 0A1B\n";

            // When searched, then the signature is found where the search without the filter finds it
            Assert.Equal(signatures.IndexOfSignatureWithoutFilter(text, out var expectedLength), signatures.IndexOfSignature(text, out var foundLength));
            Assert.Equal(length, signatures.IndexOfSignature(text));
            Assert.Equal(expectedLength, foundLength);
        }
    }

    [Fact]
    public void IndexOfSignature_ShortTextsAfterALongOne_FindWhatTheSearchWithoutTheFilterFinds_OnManyThreads()
    {
        // Given the catalog's search as the scan builds it, used by several threads at once, first on a long text
        // (which builds the filter) and then on short ones of every length around the filter's window and steps
        var signatures = LogSignatures.Create(RuleSignatures);
        var longText = new string('x', LogSignatures.FilterFromChars) + "DP cert query: EXEC spUpdateDPCert N'dp1'\n";
        var random = new Random(16);
        var texts = Enumerable.Range(0, 400).Select(i => i < 80 ? "800b0101".PadLeft(i + 8, '.')[..(i % 3 == 0 ? i : i + 8)] : RandomText(random, RuleSignatures)).ToArray();

        // When each thread searches the long text and then every short one
        Parallel.For(0, 4, _ =>
        {
            Assert.Equal(LogSignatures.FilterFromChars, signatures.IndexOfSignature(longText));
            foreach (var text in texts)
            {
                // Then each finds what the search without the filter finds
                Assert.Equal(signatures.IndexOfSignatureWithoutFilter(text, out var expected), signatures.IndexOfSignature(text, out var length));
                Assert.Equal(expected, length);
            }
        });
    }

    [Fact]
    public void IndexOfSignature_LongTextsFullOfLineBreaks_CountsTheBreaksBeforeTheHitAsLineBreaksCounts()
    {
        // Given texts of many filter steps full of CR, LF and CRLF (often across a step's edge), with now and then a
        // signature, an anchor without its signature (a candidate the search passes), or a character outside ASCII
        var signatures = LogSignatures.Create(RuleSignatures, filterFromChars: 0);
        var random = new Random(1127);
        for (var round = 0; round < 2000; round++)
        {
            var text = new StringBuilder();
            var length = random.Next(700);
            while (text.Length < length)
            {
                text.Append(random.Next(40) switch
                {
                    0 => RuleSignatures[random.Next(RuleSignatures.Length)],
                    1 => "spUpdateDPCert",
                    2 => "\u00e9\u4e2d",
                    3 => "\u010a\u010d", // LF and CR, were they narrowed by truncation
                    < 12 => random.Next(3) switch { 0 => "\r\n", 1 => "\n", _ => "\r" },
                    _ => "x",
                });
            }

            // When it is searched
            var at = signatures.IndexOfSignature(text.ToString(), out _, out var breaksBefore);

            // Then the breaks counted are those before the hit, or in the whole text
            Assert.Equal(LineBreaks.Count(at < 0 ? text.ToString() : text.ToString(0, at)), breaksBefore);
        }
    }

    [Fact]
    public void IndexOfSignature_MoreSignaturesThanTheBucketTableHolds_FindsWhatTheSearchWithoutTheFilterFinds()
    {
        // Given 70 signatures (the filter's table of a candidate's signatures holds 64)
        var many = Enumerable.Range(0, 70).Select(i => $"Signature {i:D2} of zqxj{(char)('a' + (i % 26))}{(char)('k' + (i % 11))}").ToArray();
        var signatures = LogSignatures.Create(many, filterFromChars: 0);
        var random = new Random(70);
        for (var round = 0; round < 500; round++)
        {
            var text = RandomText(random, many);

            // Then the filter changes nothing
            Assert.Equal(signatures.IndexOfSignatureWithoutFilter(text, out var expected), signatures.IndexOfSignature(text, out var length));
            Assert.Equal(expected, length);
        }
    }

    [Fact]
    public void IndexOfSignature_ASignatureTooShortForTheFilter_IsFoundWithoutIt()
    {
        // Given a signature shorter than the filter's window (no filter can be built), among others
        var signatures = LogSignatures.Create(["abc", "Failed to validate PXEClientKey certificate"]);
        var text = new string('x', LogSignatures.FilterFromChars) + " ABC\n";

        // When a long text is searched, then the library's search finds it
        Assert.Equal(LogSignatures.FilterFromChars + 1, signatures.IndexOfSignature(text));
    }

    [Theory]
    [InlineData("\tJob")]
    [InlineData("\nabc")]
    [InlineData("\u007Fabc")]
    public void TryCreate_AnAnchorOpeningWithACharacterThatIsNotPrintable_GivesNoFilter(string anchor) =>
        // A candidate's first character is then always printable (the search counts no break there), whatever the
        // buckets merge: a tab's nibbles with a 'J''s would let an LF through
        Assert.Null(AnchorFilter.TryCreate(["Zeta", anchor, "Kilo"], wide: true));

    [Fact]
    public void IndexOfSignature_AFollowerAfterItsLeaderBuiltAFilter_UsesOneToo_AndFindsWhatTheSearchWithoutTheFilterFinds()
    {
        // Given the scan's signatures, and other signatures that follow them (as the thinning's do)
        var leader = LogSignatures.Create(RuleSignatures);
        var follower = LogSignatures.CreateFollowing(RuleSignatures.Take(5), leader);
        var random = new Random(1129);
        var shortTexts = Enumerable.Range(0, 300).Select(_ => RandomText(random, RuleSignatures)).Where(t => t.Length < 512).ToList();

        // When the follower searches short texts before the leader built a filter, then after
        foreach (var text in shortTexts.Take(10))
        {
            follower.IndexOfSignature(text, out _, out _);
        }

        var builtBefore = follower.FilterBuilt;
        leader.IndexOfSignature(new string('x', LogSignatures.FilterFromChars), out _, out _);
        foreach (var text in shortTexts)
        {
            // Then it finds what the search without the filter finds, with the breaks before it
            var at = follower.IndexOfSignature(text, out var length, out var breaks);
            Assert.Equal(follower.IndexOfSignatureWithoutFilter(text, out var expectedLength), at);
            Assert.Equal(expectedLength, length);
            Assert.Equal(LineBreaks.Count(at < 0 ? text : text[..at]), breaks);
        }

        // And it built a filter of its own only once its leader had one
        Assert.False(builtBefore);
        Assert.True(follower.FilterBuilt);
    }

    [Fact]
    public void TryCreate_ManyRandomAnchors_PutsEveryOpeningInOneOfEightBuckets_AndReportsIt()
    {
        // Given sets of 9 to 64 random ASCII anchors (openings alike but for case, digits, punctuation), so that
        // buckets are merged many times
        var random = new Random(64);
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 [](){}'=:-_.";
        for (var round = 0; round < 200; round++)
        {
            var anchors = Enumerable.Range(0, random.Next(9, 65))
                .Select(_ => new string(Enumerable.Range(0, random.Next(4, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()))
                .ToArray();
            var filter = AnchorFilter.TryCreate(anchors);
            if (!System.Runtime.Intrinsics.X86.Avx2.IsSupported)
            {
                Assert.Null(filter);
                return;
            }

            // Then every anchor has a bucket of the eight, openings alike ignoring case share one
            Assert.NotNull(filter);
            Assert.All(filter.BucketOf, bucket => Assert.InRange(bucket, 0, 7));
            for (var a = 0; a < anchors.Length; a++)
            {
                for (var b = 0; b < anchors.Length; b++)
                {
                    if (anchors[a].AsSpan(0, AnchorFilter.Window).Equals(anchors[b].AsSpan(0, AnchorFilter.Window), StringComparison.OrdinalIgnoreCase))
                    {
                        Assert.Equal(filter.BucketOf[a], filter.BucketOf[b]);
                    }
                }
            }

            // And each anchor, written in a text in another case, is reported where it starts with its bucket
            var text = string.Concat(anchors.Select(anchor => new string('~', random.Next(0, 40)) + (random.Next(2) == 0 ? anchor.ToUpperInvariant() : anchor)));
            var reported = new Dictionary<int, int>();
            for (var at = filter.NextInText(text, 0, out var buckets); at >= 0; at = filter.NextInText(text, at + 1, out buckets))
            {
                reported[at] = buckets;
            }

            for (var a = 0; a < anchors.Length; a++)
            {
                for (var p = text.IndexOf(anchors[a][..AnchorFilter.Window], StringComparison.OrdinalIgnoreCase); p >= 0;
                    p = text.IndexOf(anchors[a][..AnchorFilter.Window], p + 1, StringComparison.OrdinalIgnoreCase))
                {
                    Assert.True(reported.TryGetValue(p, out var found) && (found & (1 << filter.BucketOf[a])) != 0, $"'{anchors[a]}' at {p}");
                }
            }
        }
    }

    /// <summary>The line breaks that start at positions from <paramref name="from"/> to before <paramref name="to"/>: an LF, or a CR no LF follows.</summary>
    private static long BreaksStartingIn(string text, int from, int to) =>
        Enumerable.Range(from, to - from).LongCount(p => text[p] == '\n' || (text[p] == '\r' && (p + 1 == text.Length || text[p + 1] != '\n')));

    private static string RandomText(Random random, string[] signatures)
    {
        var text = new StringBuilder();
        var pieces = random.Next(0, 12);
        for (var i = 0; i < pieces; i++)
        {
            switch (random.Next(10))
            {
                case 0 or 1:
                    text.Append(Vary(random, signatures[random.Next(signatures.Length)]));
                    break;
                case 2:
                    var cut = signatures[random.Next(signatures.Length)];
                    var tail = cut[random.Next(cut.Length)..];
                    text.Append(Vary(random, tail[..Math.Min(tail.Length, random.Next(1, 8))]));
                    break;
                case 3:
                    text.Append(random.Next(3) switch { 0 => "\r\n", 1 => "\n", _ => "\r" });
                    break;
                case 4:
                    text.Append("0000000"[..random.Next(1, 8)]);
                    break;
                case 5:
                    // 'Ő' and 'Ř' would read as 'P' and 'X' if narrowed by truncation (AsciiNarrowing makes every
                    // character outside ASCII 0x80)
                    text.Append(random.Next(8) switch
                    {
                        0 => "é", 1 => "€", 2 => "中", 3 => "\u0131", 4 => "\u0150", 5 => "\u0158", 6 => "\uFF21\u8000", _ => "\U0001F600",
                    });
                    break;
                default:
                    var filler = "PXE Provider loaded. Settings of content {000003EC-1A2B} Client Identity ";
                    var from = random.Next(filler.Length);
                    text.Append(filler, from, random.Next(filler.Length - from + 1));
                    break;
            }
        }

        return text.ToString();
    }

    // A signature as a log may hold it: letters in either case, an 'i', 's' or 'k' sometimes written as a letter
    // that looks alike ('ı', 'ſ', the Kelvin sign), and now and then another character one bit (0x20) away ('[' and
    // '{', a space and a NUL), which only letters may be ignoring case.
    private static string Vary(Random random, string text)
    {
        var varied = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            varied.Append(random.Next(40) switch
            {
                0 when c is 'i' or 'I' => '\u0131',
                1 when c is 's' or 'S' => '\u017F',
                2 when c is 'k' or 'K' => '\u212A',
                3 when !char.IsAsciiLetter(c) => (char)(c ^ 0x20),
                < 10 when char.IsAsciiLetter(c) => (char)(c ^ 0x20),
                _ => c,
            });
        }

        return varied.ToString();
    }

    private static int LineOf(string text, int position) => (int)LineBreaks.Count(text.AsSpan(0, position));

    private static string Escape(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
