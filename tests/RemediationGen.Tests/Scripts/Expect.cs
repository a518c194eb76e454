using System.Text.RegularExpressions;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// An expected text: exact, except for placeholders the package decides. <c>{site}</c> the site code, <c>{count}</c>
/// and <c>{count+1}</c> the number of expected entries, <c>{method}</c> how the value is written, <c>{any}</c> any text, <c>{time}</c> a time stamp.
/// </summary>
public static class Expect
{
    public static void Matches(string template, string actual, IReadOnlyDictionary<string, string> values, string what)
    {
        var pattern = Regex.Escape(template);
        foreach (var (name, value) in values)
        {
            pattern = pattern.Replace(Regex.Escape("{" + name + "}"), Regex.Escape(value), StringComparison.Ordinal);
        }

        pattern = pattern.Replace(Regex.Escape("{any}"), ".*?", StringComparison.Ordinal)
            .Replace(Regex.Escape("{time}"), @"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(actual, "^" + pattern + "$", RegexOptions.Singleline), what + ": expected\n  " + template + "\nbut was\n  " + actual);
    }
}
