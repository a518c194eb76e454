namespace RemediationGen.Logs;

/// <summary>
/// Picks, for each signature, the part the scan searches for: its rarest stretch of text, so that log lines that merely
/// begin like a signature ("Successfully made ...", "Failed to get the content ...", "Remove unused content ...") do not
/// stop the vectorized search. The anchor runs from that stretch to the signature's end; a candidate is confirmed by
/// the signature's text before it (<see cref="LogSignatures.IndexOfSignature(ReadOnlySpan{char})"/>).
/// </summary>
internal static class SignatureAnchors
{
    // Rarity is scored over three characters; the search's filter (AnchorFilter) then looks at the anchor's first
    // four, so an anchor never starts closer than that to its signature's end.
    private const int ScoredChars = 3;

    // An upper-case letter right after a lower-case one starts a hump of an identifier (spUpdateDPCert, PXEClientKey):
    // rare in prose, so worth as much as a rare letter.
    private const int HumpBonus = 20;

    // Letters from most to least frequent in English text; case is ignored like the search ignores it.
    internal const string LettersByFrequency = "etaoinshrdlcumwfgypbvkjxqz";

    // Words on most lines of ConfigMgr logs: a stretch inside one of them is never rare, whatever its letters.
    private static readonly string[] CommonLogWords =
        ["successfully", "failed", "server", "certificate", "package", "content", "processing", "connection", "update", "remove", "valid", "key",
            "thumbprint"];

    /// <summary>The index in <paramref name="signature"/> where its anchor starts (0 for short signatures).</summary>
    public static int StartOf(string signature)
    {
        if (signature.Length <= ScoredChars)
        {
            return 0;
        }

        var common = CommonStretches(signature);

        // A stretch with a space in it spans a word boundary, which most words share: only a signature without a rare
        // stretch inside a word falls back to one. One made of common words only is searched for whole.
        var (start, score) = RarestStretch(signature, common, allowSpaces: false);
        if (score <= 0)
        {
            (start, score) = RarestStretch(signature, common, allowSpaces: true);
        }

        return score > 0 ? Math.Min(start, signature.Length - AnchorFilter.Window) : 0;
    }

    private static (int Start, int Score) RarestStretch(string signature, bool[] common, bool allowSpaces)
    {
        var best = 0;
        var bestScore = -1;
        for (var start = 0; start + ScoredChars <= signature.Length; start++)
        {
            if (!allowSpaces && signature.AsSpan(start, ScoredChars).Contains(' '))
            {
                continue;
            }

            var score = 0;
            for (var i = start; i < start + ScoredChars; i++)
            {
                score += common[i] ? 0 : Rarity(signature, i);
            }

            if (score > bestScore)
            {
                (best, bestScore) = (start, score);
            }
        }

        return (best, bestScore);
    }

    /// <summary>Rarity of one character in log text, 0 (space) to 25 (z) and more for a hump; digits are common (times, thread ids).</summary>
    private static int Rarity(string signature, int index)
    {
        var c = signature[index];
        var letter = LettersByFrequency.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
        var hump = char.IsAsciiLetterUpper(c) && index > 0 && char.IsAsciiLetterLower(signature[index - 1]) ? HumpBonus : 0;
        return letter >= 0 ? letter + hump
            : c == ' ' ? 0
            : char.IsAsciiDigit(c) ? 2
            : 8;
    }

    private static bool[] CommonStretches(string signature)
    {
        var common = new bool[signature.Length];
        foreach (var word in CommonLogWords)
        {
            var at = signature.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            while (at >= 0)
            {
                // A loop, not Array.Fill: its generic code over bool would be compiled at start-up.
                for (var i = at; i < at + word.Length; i++)
                {
                    common[i] = true;
                }

                at = signature.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase);
            }
        }

        return common;
    }
}
