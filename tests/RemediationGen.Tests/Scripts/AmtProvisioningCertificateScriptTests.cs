using System.Globalization;
using RemediationGen.Tests.Scripts.Doubles;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// The AMT provisioning certificate item (detection only) and its renewal kit, on every package that has them: the
/// check (Intune detection, ConfigMgr discovery) over LocalMachine\My, the validation script, the export script.
/// Placeholders: {thumb:NAME} and {notAfter:NAME} of a certificate of <see cref="TestCertificates"/>, {site}, {any}, and
/// {generated}: the note on the certificate the package was generated with, when the store no longer has it.
/// </summary>
[Collection(ScriptScenarioTest.Collection)]
[Trait("Category", "Scripts")]
public sealed class AmtProvisioningCertificateScriptTests
{
    private const string Detect = "intune/AmtProvisioningCertificate/detect.ps1";
    private const string Discovery = "configmgr/AmtProvisioningCertificate/discovery.ps1";
    private const string Validate = "site/AmtProvisioningCertificate/Test-AmtProvisioningCertificate.ps1";
    private const string Export = "site/AmtProvisioningCertificate/Export-AmtProvisioningCertificate.ps1";
    private const string Kit = "site/AmtProvisioningCertificate/ in the RemediationGen package of site {site}";
    private const string PfxPassword = "Kit-PFX-secret-4711";

    public sealed record CheckRow(string Name, string[] Store, bool Compliant, string Summary, Action<ScriptWorld>? Arrange = null, string? Skip = null);

    /// <summary>A validation run: the store, the parameters, the result lines that must be printed, and the failure (null: passes).</summary>
    public sealed record ValidationRow(string Name, string[] Store, string Thumbprint, Dictionary<string, object?> Parameters, string[] Lines, string? Failure, string? Skip = null);

    /// <summary>An export run: the store, the parameters besides the password, the result or failure, and whether a PFX is written.</summary>
    public sealed record ExportRow(string Name, string[] Store, string Thumbprint, bool WhatIf, string Password, bool PathExists, string? Output, string? Failure);

    public static readonly CheckRow[] CheckRows =
    [
        new("valid certificate with the AMT EKU", ["valid"], true,
            "AMT provisioning certificate {thumb:valid} (NotAfter {notAfter:valid} UTC, 200 day(s) left); chain root not checked: no AMT-trusted root hashes were configured when this script was generated.{generated}"),
        new("valid certificate marked by the OU", ["by OU"], true,
            "AMT provisioning certificate {thumb:by OU} (NotAfter {notAfter:by OU} UTC, 200 day(s) left); chain root not checked: no AMT-trusted root hashes were configured when this script was generated.{generated}"),
        new("no certificate", [], false,
            @"No AMT provisioning certificate (EKU 2.16.840.1.113741.1.2.3 or OU=Intel(R) Client Setup Certificate) in LocalMachine\My; renew it with the kit in " + Kit + "."),
        new("only a certificate without the AMT purpose", ["no purpose"], false,
            @"No AMT provisioning certificate (EKU 2.16.840.1.113741.1.2.3 or OU=Intel(R) Client Setup Certificate) in LocalMachine\My; renew it with the kit in " + Kit + "."),
        new("expires within 30 days", ["expiring"], false,
            "AMT provisioning certificate {thumb:expiring} (NotAfter {notAfter:expiring} UTC, 10 day(s) left) expires within 30 days: renew it with the kit in " + Kit + ".{generated}"),
        new("expired", ["expired"], false,
            "AMT provisioning certificate {thumb:expired} (NotAfter {notAfter:expired} UTC, -3 day(s) left) has EXPIRED: AMT provisioning fails until it is renewed with the kit in " + Kit + ".{generated}"),
        new("no private key", ["without key"], false,
            "AMT provisioning certificate {thumb:without key} (NotAfter {notAfter:without key} UTC, 200 day(s) left) has no private key here: import the PFX with its key, see " + Kit + ".{generated}"),
        new("the newest of two is judged", ["expired", "valid"], true,
            "AMT provisioning certificate {thumb:valid} (NotAfter {notAfter:valid} UTC, 200 day(s) left); chain root not checked: no AMT-trusted root hashes were configured when this script was generated.{generated}"),
        new("a renewed certificate ConfigMgr has not loaded: the one in use is judged", ["expired", "renewed"], false,
            "AMT provisioning certificate {thumb:expired} (NotAfter {notAfter:expired} UTC, -3 day(s) left) has EXPIRED: AMT provisioning fails until it is renewed with the kit in " + Kit
            + ". ConfigMgr uses it (amtopmgr.log), not the newest in LocalMachine\\My, {thumb:renewed} (NotAfter {notAfter:renewed} UTC): select that one in the Out of Band Management component if it is the renewal.",
            w => AmtLog(w, Expiring("expired", 2))),
        new("the renewal once ConfigMgr found it: the renewal is judged", ["expired", "renewed"], true,
            "AMT provisioning certificate {thumb:renewed} (NotAfter {notAfter:renewed} UTC, 365 day(s) left); chain root not checked: no AMT-trusted root hashes were configured when this script was generated.",
            w => AmtLog(w, Expiring("expired", 2) + FoundNew("renewed"))),
        new("an older valid certificate in use: the newer one in the store is named too", ["valid", "renewed"], true,
            "AMT provisioning certificate {thumb:valid} (NotAfter {notAfter:valid} UTC, 200 day(s) left); chain root not checked: no AMT-trusted root hashes were configured when this script was generated."
            + " ConfigMgr uses it (amtopmgr.log), not the newest in LocalMachine\\My, {thumb:renewed} (NotAfter {notAfter:renewed} UTC): select that one in the Out of Band Management component if it is the renewal.",
            w => AmtLog(w, FoundNew("valid"))),
        new("the log names a certificate that is not in the store", ["valid"], false,
            "ConfigMgr uses AMT provisioning certificate {thumb:expired} (amtopmgr.log), which is not in LocalMachine\\My; the newest there is {thumb:valid} (NotAfter {notAfter:valid} UTC): select it in the Out of Band Management component, see " + Kit + ".",
            w => AmtLog(w, Expiring("expired", 2))),
        new("the log location cannot be read: the store is still judged", ["valid"], true,
            "AMT provisioning certificate {thumb:valid} (NotAfter {notAfter:valid} UTC, 200 day(s) left); chain root not checked: no AMT-trusted root hashes were configured when this script was generated.{generated}",
            w => w.Registry.DeniedKeys.Add(@"SOFTWARE\Microsoft\SMS\Identification")),
        new("the log in the installation directory of SMS\\Identification is read", ["expired", "renewed"], false, "AMT provisioning certificate {thumb:expired} {any}",
            w =>
            {
                // The value as the real folder of the world's C: drive: PowerShell here has no C: drive of its own.
                w.Registry.SetValue(Microsoft.Win32.RegistryView.Registry64, @"SOFTWARE\Microsoft\SMS\Identification", "Installation Directory", w.MapWindowsPath(@"C:\ConfigMgr"), Microsoft.Win32.RegistryValueKind.String);
                w.WriteFile(@"C:\ConfigMgr\Logs\amtopmgr.log", Expiring("expired", 2));
            }),
    ];

    public static readonly ValidationRow[] ValidationRows =
    [
        new("valid, root trusted", ["valid"], "valid", new() { ["TrustedRootHashes"] = new[] { "{thumb:valid}" } },
            ["Private key *PASS", "Valid now *PASS", "Days left *PASS", "Server Authentication EKU *PASS", "AMT provisioning purpose *PASS", "No wildcard *PASS", "Common name *PASS", "AMT-trusted root *PASS"], null),
        new("thumbprint typed with spaces and lower case", ["valid"], "valid", new() { ["TrustedRootHashes"] = new[] { "{thumb:valid}" } }, ["Private key *PASS"], null),
        new("root not among the trusted hashes", ["valid"], "valid", new() { ["TrustedRootHashes"] = new[] { "00112233445566778899AABBCCDDEEFF00112233" } },
            ["AMT-trusted root *FAIL"], "1 check(s) failed: AMT-trusted root. Do not load this certificate into ConfigMgr yet."),
        new("wildcard and wrong common name", ["wildcard"], "wildcard", new() { ["TrustedRootHashes"] = new[] { "{thumb:wildcard}" } },
            ["No wildcard *FAIL", "Common name *FAIL"], "2 check(s) failed: No wildcard, Common name. Do not load this certificate into ConfigMgr yet."),
        new("expiring, no key, no AMT purpose", ["expiring", "without key", "no purpose"], "no purpose", new() { ["TrustedRootHashes"] = new[] { "{thumb:no purpose}" } },
            ["AMT provisioning purpose *FAIL"], "1 check(s) failed: AMT provisioning purpose. Do not load this certificate into ConfigMgr yet."),
        new("expired", ["expired"], "expired", new() { ["TrustedRootHashes"] = new[] { "{thumb:expired}" } },
            ["Valid now *FAIL", "Days left *FAIL"], "2 check(s) failed: Valid now, Days left. Do not load this certificate into ConfigMgr yet."),
        new("not in the store", [], "valid", [], [], "No certificate with thumbprint {thumb:valid} in LocalMachine\\My: run certreq -accept on this server first."),
        new("no trusted root hashes given: the root check is skipped", ["valid"], "valid", [], ["AMT-trusted root *SKIPPED"], null),
    ];

    public static readonly ExportRow[] ExportRows =
    [
        new("exports with its chain", ["valid"], "valid", WhatIf: false, PfxPassword, PathExists: false,
            "Exported {thumb:valid} with its chain to {pfx}. Load it in the out-of-band management component, then delete the file.", null),
        new("-WhatIf writes nothing", ["valid"], "valid", WhatIf: true, PfxPassword, PathExists: false, null, null),
        new("not in the store", [], "valid", WhatIf: false, PfxPassword, PathExists: false, null, @"No certificate with thumbprint {thumb:valid} in LocalMachine\My."),
        new("no private key", ["without key"], "without key", WhatIf: false, PfxPassword, PathExists: false, null, "The certificate has no private key on this server: export it where certreq -accept ran."),
        new("empty password", ["valid"], "valid", WhatIf: false, string.Empty, PathExists: false, null, "An empty PFX password would leave the private key unprotected."),
        new("the file exists", ["valid"], "valid", WhatIf: false, PfxPassword, PathExists: true, null, "'{pfx}' exists; choose a new file name (nothing is overwritten)."),
    ];

    public static TheoryData<string, string> DetectCases => ScriptScenarioTest.Cases(Detect, CheckRows.Select(r => r.Name));

    public static TheoryData<string, string> DiscoveryCases => ScriptScenarioTest.Cases(Discovery, CheckRows.Select(r => r.Name));

    public static TheoryData<string, string> ValidateCases => ScriptScenarioTest.Cases(Validate, ValidationRows.Select(r => r.Name));

    public static TheoryData<string, string> ExportCases => ScriptScenarioTest.Cases(Export, ExportRows.Select(r => r.Name));

    [SkippableTheory]
    [MemberData(nameof(DetectCases))]
    public void IntuneDetection(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), CheckRows.Single(r => r.Name == row));
        var run = ScriptScenarioTest.Run(under, Detect, w => Arrange(w, scenario.Store, scenario.Arrange));

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.Intune(run);
            Assert.Equal(scenario.Compliant ? 0 : 1, run.ExitCode);
            Expect.Matches((scenario.Compliant ? "Compliant: " : "NonCompliant: ") + scenario.Summary, run.OutputLines[0], Values(under), run.ToString());
        });
    }

    [SkippableTheory]
    [MemberData(nameof(DiscoveryCases))]
    public void ConfigMgrDiscovery(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), CheckRows.Single(r => r.Name == row));
        var run = ScriptScenarioTest.Run(under, Discovery, w => Arrange(w, scenario.Store, scenario.Arrange));

        KnownDefect.Verify(scenario.Skip, () =>
        {
            HostContracts.ConfigMgrDiscovery(run);
            Assert.Equal(scenario.Compliant ? "Compliant" : "NonCompliant", run.OutputLines[0]);
        });
    }

    [SkippableTheory]
    [MemberData(nameof(ValidateCases))]
    public void Validation(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), ValidationRows.Single(r => r.Name == row));
        var values = Values(under);
        var thumbprint = TestCertificates.Named(scenario.Thumbprint).Thumbprint;
        var parameters = scenario.Parameters.ToDictionary(
            p => p.Key,
            p => p.Value is string[] texts ? texts.Select(t => Fill(t, values)).ToArray() : p.Value);
        parameters["Thumbprint"] = row.StartsWith("thumbprint typed", StringComparison.Ordinal)
            ? string.Join(' ', thumbprint.ToLowerInvariant().Chunk(2).Select(c => new string(c)))
            : thumbprint;
        var run = ScriptScenarioTest.Run(under, Validate, w => Arrange(w, scenario.Store, null), parameters);

        KnownDefect.Verify(scenario.Skip, () =>
        {
            var table = string.Join("\n", run.OutputLines);
            foreach (var line in scenario.Lines)
            {
                Assert.Matches("(?m)^" + Fill(line, values).Replace("(", @"\(", StringComparison.Ordinal) + " ", table);
            }

            if (scenario.Failure is null)
            {
                Assert.False(run.Threw, run.ToString());
                Assert.Equal("All checks passed: export it with Export-AmtProvisioningCertificate.ps1.", run.OutputLines.Last(l => l.Length > 0));
            }
            else
            {
                Assert.Equal(Fill(scenario.Failure, values), run.Thrown);
            }

            Assert.Empty(run.World.CallsTo("Export-PfxCertificate"));
        });
    }

    [SkippableTheory]
    [MemberData(nameof(ExportCases))]
    public void ExportKit(string package, string row)
    {
        var (under, scenario) = (PackageUnderTest.Named(package), ExportRows.Single(r => r.Name == row));
        var thumbprint = TestCertificates.Named(scenario.Thumbprint).Thumbprint;
        string? pfx = null;
        var parameters = new Dictionary<string, object?> { ["Thumbprint"] = thumbprint, ["Password"] = FakeDistributionPoint.Secret(scenario.Password) };
        if (scenario.WhatIf)
        {
            parameters["WhatIf"] = true;
        }

        var run = ScriptScenarioTest.Run(under, Export, w =>
        {
            Arrange(w, scenario.Store, null);
            pfx = Path.Combine(w.Root, "secure", "amt-provisioning.pfx");
            parameters["Path"] = pfx;
            if (scenario.PathExists)
            {
                w.WriteFile(pfx, "an older export");
            }
        }, parameters);
        var values = new Dictionary<string, string>(Values(under)) { ["pfx"] = pfx! };

        Assert.Equal(scenario.Failure is not null, run.Threw);
        if (scenario.Failure is not null)
        {
            Assert.Equal(Fill(scenario.Failure, values), run.Thrown);
        }

        Assert.Equal(scenario.Output is null ? [] : [Fill(scenario.Output, values)], run.OutputLines);
        var exported = scenario.Output is not null;
        Assert.Equal(
            exported ? ["Export-PfxCertificate -Cert <X509Certificate2> -ChainOption 'BuildChain' -FilePath '" + pfx + "' -Password <SecureString>"] : [],
            run.World.CallsTo("Export-PfxCertificate"));
        Assert.Equal(exported || scenario.PathExists, File.Exists(pfx));
        // The PFX password is never written: not to the output, not to any file the run left.
        Secrets.AssertNowhere(scenario.Password, run);
    }

    /// <summary>
    /// What the check adds when the certificate generation found in use (in the script, from the package's logs) is not
    /// in the store and no log on the server names one: none of the test certificates is the demo's logged one.
    /// </summary>
    private static string GeneratedNote(PackageUnderTest package)
    {
        if (!package.Has(Detect))
        {
            return string.Empty;
        }

        var thumbprint = (string)package.Constant(Detect, "AmtInUseThumbprint");
        return thumbprint.Length == 0 ? string.Empty : " Certificate " + thumbprint + " (" + (string)package.Constant(Detect, "AmtInUseSource") + ") is no longer in LocalMachine\\My.";
    }

    private static void AmtLog(ScriptWorld world, string text) =>
        world.WriteFile(@"C:\Program Files\Microsoft Configuration Manager\Logs\amtopmgr.log", text);

    /// <summary>The daily warning amtopmgr.log writes about the certificate in use (docs/rules/AmtProvisioningCertificate.md).</summary>
    private static string Expiring(string certificate, int days) =>
        LogLines.Line("Error: The provisioning certificate with the thumbprint " + TestCertificates.Named(certificate).Thumbprint + " will expire in " + days.ToString(CultureInfo.InvariantCulture) + " day(s). Please ensure that this certificate is renewed. (CertID = 1)", "SMS_AMT_OPERATION_MANAGER");

    /// <summary>The line amtopmgr.log writes once a new certificate is loaded in the out-of-band management component.</summary>
    private static string FoundNew(string certificate) =>
        LogLines.Line("Found new provision server certificate with hash " + TestCertificates.Named(certificate).Thumbprint + ".", "SMS_AMT_OPERATION_MANAGER");

    private static void Arrange(ScriptWorld world, string[] store, Action<ScriptWorld>? more)
    {
        world.MachineCertificates.AddRange(store.Select(TestCertificates.Named));
        more?.Invoke(world);
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(template, (text, value) => text.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));

    private static Dictionary<string, string> Values(PackageUnderTest package)
    {
        var values = new Dictionary<string, string> { ["site"] = package.SiteCode, ["generated"] = GeneratedNote(package) };
        foreach (var name in TestCertificates.Names)
        {
            var certificate = TestCertificates.Named(name);
            values["thumb:" + name] = certificate.Thumbprint;
            values["notAfter:" + name] = certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }

        return values;
    }
}
