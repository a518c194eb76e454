using System.Text;

namespace RemediationGen.Tests.Fuzz;

/// <summary>Seeded mutations of a folder of ConfigMgr logs: odd records in both layouts, encodings, bytes, sizes.</summary>
internal static class LogMutator
{
    private static readonly string[] Texts =
    [
        "Error: The provisioning certificate with the thumbprint 55B7AF313A725CA10BB47A382494A3BD2927D1FB will expire in 3000000 day(s). Please ensure that this certificate is renewed. (CertID = 1)",
        "Error: The provisioning certificate with the thumbprint 55B7AF313A725CA10BB47A382494A3BD2927D1FB will expire in -2147483648 day(s). (CertID = 1)",
        "Error: The provisioning certificate with the thumbprint 55B7AF313A725CA10BB47A382494A3BD2927D1FB will expire in 2147483647 day(s). (CertID = 1)",
        "Failed to get the encrypted PXE password",
        "Failed to create certificate store from encoded certificate. Verify the provided Certificate was provisioned correctly.",
        "~DPID 2 - NAL Path [\"Display=\\\\dp99.contoso.com\\\"]MSWNET:[\"SMS_SITE=PS1\"]\\\\dp99.contoso.com\\ , ServerName = dp99.contoso.com, PXE = 1",
        "Successfully made a network connection to \\\\'; Invoke-Pwned; '.contoso.com\\ADMIN$.~",
        "Found notification file C:\\inboxes\\certmgr.box\\5_$(Invoke-Pwned).CMN",
        "Issuing certificate list: \"; Invoke-Pwned; #",
    ];

    private static readonly string[] Stamps =
    [
        "11-20-2026 08:15:01.100+360", "12-31-9999 23:59:59.999+1440", "01-01-0001 00:00:00.000-1440", "13-45-2026 08:15:01.100+360",
        "02-29-2027 25:61:61.000+0", "11-20-2026 08:15:01.100", "11-20-2026 08:15:01.100+99999999999", "--", string.Empty,
    ];

    public static string Mutate(string folder, Random random)
    {
        var files = Directory.GetFiles(folder, "*.log", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var file = files[random.Next(files.Length)];
        var kind = random.Next(11);
        var bytes = File.ReadAllBytes(file);
        var text = Encoding.UTF8.GetString(bytes);
        var name = Path.GetRelativePath(folder, file);
        switch (kind)
        {
            case 0:
                File.WriteAllText(file, InsertLines(text, random, OddRecord(random, cmTrace: false)));
                return $"{name}: odd site-server record";
            case 1:
                File.WriteAllText(file, InsertLines(text, random, OddRecord(random, cmTrace: true)));
                return $"{name}: odd CMTrace record";
            case 2:
                File.WriteAllText(file, InsertLines(text, random, random.Next(2) == 0 ? "<![LOG[unterminated " + new string('x', random.Next(1, 300000)) : "]LOG]!><time=\"\" date=\"\">"));
                return $"{name}: broken CMTrace framing or a very long line";
            case 3:
                var encoding = random.Next(3) switch { 0 => Encoding.Unicode, 1 => Encoding.BigEndianUnicode, _ => Encoding.UTF8 };
                File.WriteAllBytes(file, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
                return $"{name}: re-encoded as {encoding.WebName} with a BOM";
            case 4:
                File.WriteAllBytes(file, bytes[..random.Next(bytes.Length + 1)]);
                return $"{name}: truncated";
            case 5:
                for (var i = random.Next(1, 20); i > 0 && bytes.Length > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                File.WriteAllBytes(file, bytes);
                return $"{name}: random bytes";
            case 6:
                File.WriteAllText(file, text.Replace("\r\n", random.Next(2) == 0 ? "\r" : "\n", StringComparison.Ordinal).Replace("\n", "\r", StringComparison.Ordinal));
                return $"{name}: CR line ends";
            case 7:
                var lines = text.Split('\n');
                File.WriteAllText(file, string.Join('\n', Enumerable.Range(0, random.Next(2, 200)).SelectMany(_ => lines)));
                return $"{name}: repeated";
            case 8:
                File.WriteAllBytes(file, random.Next(2) == 0 ? [] : Encoding.UTF8.GetBytes(new string('\0', random.Next(1, 5000))));
                return $"{name}: empty or NUL only";
            case 9:
                File.Move(file, Path.ChangeExtension(file, ".lo_"), overwrite: true);
                File.WriteAllText(file, InsertLines(text, random, OddRecord(random, cmTrace: random.Next(2) == 0)));
                return $"{name}: rolled over to .lo_ with an odd record in the new log";
            default:
                var digits = new StringBuilder(text);
                for (var i = random.Next(1, 30); i > 0 && digits.Length > 0; i--)
                {
                    var at = random.Next(digits.Length);
                    if (char.IsAsciiDigit(digits[at]))
                    {
                        digits[at] = (char)('0' + random.Next(10));
                    }
                }

                File.WriteAllText(file, digits.ToString());
                return $"{name}: digits changed";
        }
    }

    private static string OddRecord(Random random, bool cmTrace)
    {
        var recordText = Texts[random.Next(Texts.Length)];
        var stamp = Stamps[random.Next(Stamps.Length)];
        if (!cmTrace)
        {
            return $"{recordText}  $$<SMS_AMT_OPERATION_MANAGER><{stamp}><thread=2880 (0xB40)>";
        }

        var space = stamp.IndexOf(' ', StringComparison.Ordinal);
        var (date, time) = space < 0 ? (stamp, stamp) : (stamp[..space], stamp[(space + 1)..]);
        return $"<![LOG[{recordText}]LOG]!><time=\"{time}\" date=\"{date}\" component=\"SMSPXE\" context=\"\" type=\"3\" thread=\"3580\" file=\"x.cpp:1\">";
    }

    private static string InsertLines(string text, Random random, string record)
    {
        var lines = text.Split('\n').ToList();
        lines.Insert(random.Next(lines.Count + 1), record + "\r");
        return string.Join('\n', lines);
    }
}
