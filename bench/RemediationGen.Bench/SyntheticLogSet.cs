using System.Globalization;
using System.Text;

namespace RemediationGen.Bench;

/// <summary>
/// A synthetic log set like one gathered from a site server and its DPs: per-server folders, site-server and CMTrace
/// layouts, UTF-8 and UTF-16 files, ordinary ConfigMgr traffic with a few real KB 4469580 findings buried in it.
/// Deterministic (fixed seed) so that runs compare.
/// </summary>
internal static class SyntheticLogSet
{
    private const string SiteServer = "cm01.contoso.com";
    private static readonly string[] DistributionPoints = ["dp01.contoso.com", "dp02.contoso.com", "dp03.contoso.com"];

    private static readonly string[] DistMgr =
    [
        "Processing package PS100{0:D3} (SourceVersion:{1};StoredVersion:{1})",
        "Package PS100{0:D3} does not need to be updated on DP [\"Display=\\\\{2}\\\"]MSWNET:[\"SMS_SITE=PS1\"]\\\\{2}\\",
        "Start adding package to server [\"Display=\\\\{2}\\\"]MSWNET:[\"SMS_SITE=PS1\"]\\\\{2}\\...",
        "Attempting to add or update a package on a distribution point.",
        "STATMSG: ID=2301 SEV=I LEV=M SOURCE=\"SMS Server\" COMP=\"SMS_DISTRIBUTION_MANAGER\" SYS=CM01 SITE=PS1 PID=2468 TID={1} GMTDATE=Fri Nov 20 10:15:00.000 2026 ISTR0=\"PS100{0:D3}\" ISTR1=\"\" ISTR2=\"\" ISTR3=\"\" ISTR4=\"\" ISTR5=\"\" ISTR6=\"\" ISTR7=\"\" ISTR8=\"\" ISTR9=\"\" NUMATTRS=1 AID=400 AVAL0=\"PS100{0:D3}\"",
        "Used 0 out of 3 allowed processing threads.",
    ];

    private static readonly string[] HMan =
    [
        "Processing site control file: Site PS1",
        "Found new site control file {1}.CT2, process it",
        "Update the Sites table: Site=PS1 Parent=",
        "Successfully updated the site control information for site PS1 in the database.",
        "Wait for site control changes or 3600 seconds timeout.",
    ];

    private static readonly string[] CertMgr =
    [
        "~Found notification file C:\\Program Files\\Microsoft Configuration Manager\\inboxes\\certmgr.box\\{1}_{2}.CMN",
        "Successfully made a network connection to \\\\{2}\\ADMIN$.~",
        "Got copy of security registry key on server {2}",
        "Cancelling network connection to \\\\{2}\\ADMIN$.",
        "Waiting for changes for 60 minutes",
    ];

    private static readonly string[] AmtOpMgr =
    [
        "AMT Provision Worker: Wakes up to process instruction files",
        "AMT Provision Worker: Processing {1} out-of-band management task(s).",
        "Auto-worker thread: the provisioning certificate with the thumbprint 3F2A9C{0:D4} is valid.",
        "AMT Provision Worker: Finished processing. Sleeping now.",
    ];

    private static readonly string[] SmsPxe =
    [
        "PXE Provider loaded.",
        "Prioritizing local MP https://{2}.",
        "RequestMPKeyInformation: Send() failed.",
        "[{1:D3}.{0:D3}.010.050:67] Recv From:[{1:D3}.{0:D3}.010.050:68] Len:548 7c5a1e0",
        "Client Identity: {{{1:X8}-1A2B-4C3D-8E9F-0123456789AB}}",
        "Getting boot action for unknown machine: item key: 2046820352",
        "Looking for bootImage PS100{0:D3}",
    ];

    // A busy PXE DP: about one record in seven is the validation line of the certificate it answers with (issue 15).
    private static readonly string[] BusySmsPxe =
    [
        "Begin validation of Certificate [Thumbprint 5E0C1B2A3D4F{0:D4}9A8B7C6D5E4F3A2B1C0D9E8F] issued to '{2}'",
        "Completed validation of Certificate [Thumbprint 5E0C1B2A3D4F{0:D4}9A8B7C6D5E4F3A2B1C0D9E8F] issued to '{2}'",
        "[{1:D3}.{0:D3}.010.050:67] Recv From:[{1:D3}.{0:D3}.010.050:68] Len:548 7c5a1e0",
        "Client Identity: {{{1:X8}-1A2B-4C3D-8E9F-0123456789AB}}",
        "Getting boot action for unknown machine: item key: 2046820352",
        "Looking for bootImage PS100{0:D3}",
        "PXE Provider loaded.",
    ];

    // Site-server text whose opening words and letters are the signatures' (issue 15), with no hit.
    private static readonly string[] PrefixHeavyDistMgr =
    [
        "Successfully made a network connection to \\\\{2}\\ADMIN$.",
        "Processing package PS100{0:D3} for DP [\"Display=\\\\{2}\\\"]MSWNET:[\"SMS_SITE=PS1\"]\\\\{2}\\",
        "The current user context will be used for connecting to {2}.",
        "STATMSG: ID=2301 SEV=I LEV=M SOURCE=\"SMS Server\" COMP=\"SMS_DISTRIBUTION_MANAGER\" SYS=CM01 SITE=PS1 PID=2468 TID={1}",
        "Failed to get the content library path of package PS100{0:D3}, will retry.",
        "Successfully got the DP list of package PS100{0:D3}.",
        "Cannot get the lock for package PS100{0:D3}; another thread holds it.",
        "Begin processing package PS100{0:D3} on server {2}.",
        "DP settings of {2} are unchanged; Server {2} is up to date.",
        "Found new package PS100{0:D3} version {1}.",
        "Invalid package source version {1} ignored.",
        "Remove unused content PS100{0:D3} from {2}.",
    ];

    /// <summary>Writes about <paramref name="totalBytes"/> of logs under <paramref name="folder"/>; returns the bytes written.</summary>
    public static long Write(string folder, long totalBytes) => Write(folder, totalBytes, "sparse");

    /// <summary>
    /// As above, for a profile: "sparse" (rare findings, the first bench), "dense" (8 busy SMSPXE.log files, about 15%
    /// of records hold a signature) or "prefix-heavy" (8 distmgr.log files full of the signatures' opening words, no hit).
    /// </summary>
    public static long Write(string folder, long totalBytes, string profile)
    {
        if (profile is "dense" or "prefix-heavy")
        {
            var dense = profile == "dense";
            var random8 = new Random(15);
            long total = 0;
            for (var i = 1; i <= 8; i++)
            {
                var dp = string.Create(CultureInfo.InvariantCulture, $"dp{i:D2}.contoso.com");
                var path = Path.Combine(folder, dp, dense ? "SMSPXE.log" : "distmgr.log");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                total += WriteFile(path, dense ? BusySmsPxe : PrefixHeavyDistMgr, cmTrace: dense, utf16: false, dense ? "SMSPXE" : "SMS_DISTRIBUTION_MANAGER", dp, totalBytes / 8, random8, withFindings: false);
            }

            return total;
        }


        var files = new List<(string Path, string[] Messages, bool CmTrace, bool Utf16, string Component)>
        {
            (Path.Combine(folder, SiteServer, "distmgr.log"), DistMgr, false, false, "SMS_DISTRIBUTION_MANAGER"),
            (Path.Combine(folder, SiteServer, "hman.log"), HMan, false, false, "SMS_HIERARCHY_MANAGER"),
            (Path.Combine(folder, SiteServer, "CertMgr.log"), CertMgr, false, false, "SMS_CERTIFICATE_MANAGER"),
            (Path.Combine(folder, SiteServer, "amtopmgr.log"), AmtOpMgr, false, true, "SMS_AMT_OPERATION_MANAGER"),
        };
        foreach (var dp in DistributionPoints)
        {
            files.Add((Path.Combine(folder, dp, "SMSPXE.log"), SmsPxe, true, dp == DistributionPoints[^1], "SMSPXE"));
            files.Add((Path.Combine(folder, dp, "distmgr.log"), DistMgr, true, false, "SMS_DISTRIBUTION_MANAGER"));
        }

        var perFile = totalBytes / files.Count;
        long written = 0;
        var random = new Random(4469580);
        foreach (var (path, messages, cmTrace, utf16, component) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var server = Path.GetFileName(Path.GetDirectoryName(path)!);
            written += WriteFile(path, messages, cmTrace, utf16, component, server, perFile, random, withFindings: true);
        }

        return written;
    }

    private static long WriteFile(string path, string[] messages, bool cmTrace, bool utf16, string component, string server, long bytes, Random random, bool withFindings)
    {
        Encoding encoding = utf16 ? new UnicodeEncoding(bigEndian: false, byteOrderMark: true) : new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1024 * 1024);
        using var writer = new StreamWriter(stream, encoding, 1024 * 1024);
        var time = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Unspecified);
        var charsPerByte = utf16 ? 0.5 : 1.0;
        var targetChars = (long)(bytes * charsPerByte);
        long chars = 0;
        var findingsAt = withFindings ? new HashSet<long> { targetChars / 3, targetChars * 2 / 3 } : [];
        var line = new StringBuilder(512);
        while (chars < targetChars)
        {
            time = time.AddMilliseconds(random.Next(1, 400));
            var thread = 1000 + random.Next(0, 8);
            var message = string.Format(CultureInfo.InvariantCulture, messages[random.Next(messages.Length)], random.Next(0, 1000), thread, PickServer(random));
            line.Clear();
            Append(line, message, cmTrace, component, time, thread);

            // A real finding now and then: the KB 4469580 lines of the fixtures, for the server the file belongs to.
            if (findingsAt.Any(at => chars <= at && at < chars + 4096))
            {
                foreach (var finding in Findings(component, server))
                {
                    Append(line, finding, cmTrace, component, time, thread);
                }

                findingsAt.RemoveWhere(at => at < chars + 4096);
            }

            writer.Write(line);
            chars += line.Length;
        }

        writer.Flush();
        return stream.Length;
    }

    private static string PickServer(Random random) => DistributionPoints[random.Next(DistributionPoints.Length)];

    private static IEnumerable<string> Findings(string component, string server) => component switch
    {
        "SMS_CERTIFICATE_MANAGER" =>
        [
            "Cannot get copy of security registry key on server (dp02.contoso.com) (0x80070005)",
            "Failed to get the copy of Security registry key on server dp02.contoso.com (0x80070005)",
        ],
        "SMSPXE" when server == "dp01.contoso.com" =>
        [
            "Failed to create certificate store from encoded certificate. Verify the provided Certificate was provisioned correctly. .\r\nAn error occurred during encode or decode operation. (Error: 80092002; Source: Windows)",
            "PXE::MP_GetList failed; 0x80092002",
            "PXE::MP_LookupDevice failed; 0x80092002",
        ],
        _ => [],
    };

    private static void Append(StringBuilder line, string message, bool cmTrace, string component, DateTime time, int thread)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (cmTrace)
        {
            line.Append(invariant, $"<![LOG[{message}]LOG]!><time=\"{time:HH:mm:ss.fff}+360\" date=\"{time:MM-dd-yyyy}\" component=\"{component}\" context=\"\" type=\"1\" thread=\"{thread}\" file=\"smspxe.cpp:184\">\r\n");
        }
        else
        {
            line.Append(invariant, $"{message}  $$<{component}><{time:MM-dd-yyyy HH:mm:ss.fff}+360><thread={thread} (0x{thread:X})>\r\n");
        }
    }
}
