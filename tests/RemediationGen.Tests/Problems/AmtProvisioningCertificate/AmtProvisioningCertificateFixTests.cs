using System.Text;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Problems.AmtProvisioningCertificate;
using RemediationGen.Tests.PowerShell;
using RemediationGen.Tests.Support;
using RemediationGen.Tests.Templates;

namespace RemediationGen.Tests.Problems.AmtProvisioningCertificate;

public sealed class AmtProvisioningCertificateFixTests
{
    private const string RootSha1 = "0123456789abcdef0123456789abcdef01234567";

    private static SiteFacts Site(ProvisioningSubject? subject, params string[] roots) =>
        new SiteFacts("PS1", "cm01.contoso.com", null, [], []) { OutOfBand = new OutOfBandFacts("oob01.contoso.com", subject, roots) };

    private static readonly ProvisioningSubject Subject = new("Contoso Ltd", "Redmond", "Washington", "US");

    private static GenerationResult Generate(SiteFacts site, AmtOptions? options = null)
    {
        var facts = new HierarchyFacts([site], "test", null, []);
        return TestGenerator.Generate(facts, DiagnosisResult.Empty, logsRead: false, new GenerateOptions(TargetSelection.All, []) { FixOptions = AmtOptionValues.Of(options ?? AmtOptions.Default) });
    }

    private static string Text(RenderedPackage package, string path) => TestGenerator.Text(package, path);

    [Fact]
    public void Generate_WithSubject_WritesTheRequestInfFieldByField()
    {
        var package = Assert.Single(Generate(Site(Subject)).Packages);

        var inf = Text(package, "site/AmtProvisioningCertificate/request.inf").Split("\r\n");

        Assert.Contains("Signature = \"$Windows NT$\"", inf);
        Assert.Contains("Subject = \"CN=oob01.contoso.com, OU=Intel(R) Client Setup Certificate, O=Contoso Ltd, L=Redmond, S=Washington, C=US\"", inf);
        Assert.Contains("KeyLength = 2048", inf);
        Assert.Contains("Exportable = TRUE", inf);
        Assert.Contains("MachineKeySet = TRUE", inf);
        Assert.Contains("ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\"", inf);
        Assert.Contains("ProviderType = 12", inf);
        Assert.Contains("RequestType = PKCS10", inf);
        Assert.Contains("OID = 1.3.6.1.5.5.7.3.1 ; Server Authentication", inf);
        Assert.Contains("OID = 2.16.840.1.113741.1.2.3 ; Intel AMT provisioning", inf);
        Assert.All(inf, line => Assert.All(line, c => Assert.InRange(c, ' ', '~')));
    }

    [Fact]
    public void Generate_DetectionOnly_NoRemediationAnywhere()
    {
        var package = Assert.Single(Generate(Site(Subject)).Packages);
        var paths = package.Files.Select(f => f.RelativePath).ToList();

        Assert.Contains("intune/AmtProvisioningCertificate/detect.ps1", paths);
        Assert.DoesNotContain("intune/AmtProvisioningCertificate/remediate.ps1", paths);
        Assert.DoesNotContain("configmgr/AmtProvisioningCertificate/remediation.ps1", paths);
        Assert.Contains("\"remediationScriptContent\": \"\"", Text(package, "intune/AmtProvisioningCertificate/deviceHealthScript.json"), StringComparison.Ordinal);
        Assert.Contains("RemediationFile = ''", Text(package, "configmgr/Import-ConfigMgrBaseline.ps1"), StringComparison.Ordinal);
        Assert.Equal("oob01.contoso.com\r\n", Text(package, "targets/AmtProvisioningCertificate.txt"));
    }

    [Fact]
    public void Generate_WithoutSubject_KitHasAPlaceholderRequestAndANoteSaysWhatToGive()
    {
        var result = Generate(Site(subject: null));

        var package = Assert.Single(result.Packages);
        var inf = Text(package, "site/AmtProvisioningCertificate/request.inf").Split("\r\n");
        Assert.Contains("; PLACEHOLDER: the subject was not fully known when this file was generated. Replace every <...> in Subject below", inf);
        Assert.Contains("Subject = \"CN=oob01.contoso.com, OU=Intel(R) Client Setup Certificate, O=<organization>, L=<city>, S=<state or province>, C=<two-letter country code>\"", inf);
        Assert.Contains(package.Files, f => f.RelativePath == "site/AmtProvisioningCertificate/Test-AmtProvisioningCertificate.ps1");
        Assert.Contains("Site PS1: the AMT renewal kit's certificate request (request.inf) is a placeholder to complete by hand: give the subject with --amt-organization, --amt-locality, --amt-state and --amt-country (or outOfBandManagement.provisioningCertificateSubject in the facts).", result.Notes);
    }

    [Fact]
    public void Generate_SubjectFromOptions_OverridesTheFacts()
    {
        var options = AmtOptions.Default with { Organization = "Fabrikam & Co", Country = "DE" };

        var package = Assert.Single(Generate(Site(Subject), options).Packages);

        Assert.Contains("O=Fabrikam & Co, L=Redmond, S=Washington, C=DE\"", Text(package, "site/AmtProvisioningCertificate/request.inf"), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_ThresholdAndRoots_ReachTheScriptsAsLiterals()
    {
        var options = AmtOptions.Default with { ThresholdDays = 45, TrustedRootHashes = ["AB:CD:" + RootSha1[4..]] };

        var result = Generate(Site(Subject, RootSha1.ToUpperInvariant()), options);

        var detect = Text(Assert.Single(result.Packages), "intune/AmtProvisioningCertificate/detect.ps1").Split("\r\n");
        Assert.Contains("$AmtThresholdDays = 45", detect);
        var roots = detect.Single(l => l.StartsWith("$AmtTrustedRootHashes = [string[]]", StringComparison.Ordinal));
        Assert.Equal(
            [RootSha1.ToUpperInvariant(), ("ABCD" + RootSha1[4..]).ToUpperInvariant()],
            PowerShellLiteralDecoder.DecodeList(roots["$AmtTrustedRootHashes = [string[]]".Length..]));
        Assert.DoesNotContain(result.Notes, n => n.Contains("no AMT-trusted root hashes", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_NoRoots_NotesThatTheRootCannotBeChecked()
    {
        var result = Generate(Site(Subject));

        Assert.Contains(result.Notes, n => n.StartsWith("Site PS1: no AMT-trusted root hashes are configured", StringComparison.Ordinal));
        var detect = Text(Assert.Single(result.Packages), "intune/AmtProvisioningCertificate/detect.ps1");
        Assert.Contains("$AmtTrustedRootHashes = [string[]]@()", detect, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null, null, "--amt-threshold-days: 0 is outside 1-365 days.")]
    [InlineData(366, null, null, "--amt-threshold-days: 366 is outside 1-365 days.")]
    [InlineData(30, "not-a-hash", null, "--amt-trusted-root: 'not-a-hash' is not a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) hash.")]
    [InlineData(30, null, "Contoso, Inc.", "--amt-organization: organization 'Contoso, Inc.' holds ','; use letters, digits, spaces and . - & ' only (no commas).")]
    [InlineData(30, null, "Contoso \"Labs\"", "--amt-organization: organization 'Contoso \"Labs\"' holds '\"'; use letters, digits, spaces and . - & ' only (no commas).")]
    public void Validated_BadOptions_NameTheOptionAndValue(int days, string? root, string? organization, string expected)
    {
        var options = new AmtOptions(days, root is null ? [] : [root], organization, null, null, null);

        var ex = Assert.Throws<RemediationGenException>(options.Validated);

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Validated_BadCountry_IsRefused()
    {
        var ex = Assert.Throws<RemediationGenException>(() => (AmtOptions.Default with { Country = "usa" }).Validated());

        Assert.Equal("--amt-country: country 'usa' is not a two-letter ISO 3166 code in capitals (e.g. US).", ex.Message);
    }

    [Fact]
    public void Generate_OnlyAResolvedLogFinding_NoAmtPair()
    {
        // Given a site without out-of-band facts whose amtopmgr.log shows the certificate already replaced
        var site = new SiteFacts("PS1", "cm01.contoso.com", null, [], []);
        var evidence = new Evidence("amtopmgr.log", 3, null, "SMS_AMT_OPERATION_MANAGER", "Found new provision server certificate with hash 0123");
        var resolved = new Finding(AmtProvisioningCertificateProblem.Id, Severity.Warning, "PS1", "cm01.contoso.com", true, "expires in 4 day(s)", [evidence], 1)
        {
            Resolution = new Resolution(evidence, "a new provisioning certificate was loaded"),
        };
        var facts = new HierarchyFacts([site], "test", null, []);

        // When
        var result = new AmtProvisioningCertificateFix().Plan(site, new FixContext(facts, new DiagnosisResult([resolved], [], [], 1, 1), TargetSelection.All, TestGenerator.DefaultFixOptions, PackageLayout.Paths));

        // Then the replaced certificate is no reason for a package
        Assert.Null(result.Plan);
    }

    private static Finding Expiring(string server, string thumbprint, bool serverInFacts = true)
    {
        var evidence = new Evidence("amtopmgr.log", 2, null, "SMS_AMT_OPERATION_MANAGER", "The provisioning certificate with the thumbprint " + thumbprint + " will expire in 4 day(s).");
        return new Finding(AmtProvisioningCertificateProblem.Id, Severity.Warning, "PS1", server, serverInFacts, "expires in about 4 day(s)", [evidence], 1)
        {
            Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["thumbprint"] = thumbprint },
        };
    }

    private static FixPlan Plan(SiteFacts site, params Finding[] findings)
    {
        var facts = new HierarchyFacts([site], "test", null, []);
        var result = new AmtProvisioningCertificateFix().Plan(site, new FixContext(facts, new DiagnosisResult(findings, [], [], 1, 1), TargetSelection.All, TestGenerator.DefaultFixOptions, PackageLayout.Paths));
        return Assert.IsType<FixPlan>(result.Plan);
    }

    [Fact]
    public void Plan_LogFindingOnTheSiteServerWithoutOutOfBandFacts_IsInTheFacts()
    {
        // Given a site server that the facts know, whose amtopmgr.log warns, and no outOfBandManagement in the facts
        var site = new SiteFacts("PS1", "cm01.contoso.com", null, [], []);

        // When
        var target = Assert.Single(Plan(site, Expiring("cm01.contoso.com", RootSha1.ToUpperInvariant())).Targets);

        // Then it is not flagged "named in logs only": the diagnosis said serverInFacts, the target agrees
        Assert.True(target.InFacts);
        Assert.Equal(["site server (amtopmgr.log; no out-of-band service point in the facts)"], target.Roles);
    }

    [Fact]
    public void Plan_ThumbprintInUse_FromTheLogsElseTheFacts()
    {
        var logged = "AB" + RootSha1.ToUpperInvariant()[2..];
        var facts = "CD" + RootSha1.ToUpperInvariant()[2..];
        var site = Site(Subject) with { OutOfBand = new OutOfBandFacts("oob01.contoso.com", Subject, []) { ProvisioningCertificateThumbprint = facts } };

        var fromLogs = Assert.IsType<AmtProvisioningCertificateModel>(Plan(site, Expiring("oob01.contoso.com", logged)).TemplateModel);
        var fromFacts = Assert.IsType<AmtProvisioningCertificateModel>(Plan(site).TemplateModel);
        var unknown = Assert.IsType<AmtProvisioningCertificateModel>(Plan(Site(Subject)).TemplateModel);

        Assert.Equal((logged, "amtopmgr.log on oob01.contoso.com when the package was generated"), (fromLogs.InUseThumbprint, fromLogs.InUseSource));
        Assert.Equal((facts, "outOfBandManagement.provisioningCertificateThumbprint in the facts"), (fromFacts.InUseThumbprint, fromFacts.InUseSource));
        Assert.Equal((string.Empty, string.Empty), (unknown.InUseThumbprint, unknown.InUseSource));
    }

    [Fact]
    public void Generate_SiteWithoutOutOfBandManagement_NoAmtPair()
    {
        var site = new SiteFacts("PS1", "cm01.contoso.com", "AAAA", ["mp01.contoso.com"], []);

        var package = Assert.Single(Generate(site).Packages);

        Assert.DoesNotContain(package.Files, f => f.RelativePath.Contains("Amt", StringComparison.Ordinal));
    }

    private static string[] FunctionLines(string[] lines, string name)
    {
        var start = Array.IndexOf(lines, $"function {name} {{");
        Assert.True(start >= 0, $"function {name} not found");
        return lines[start..(Array.IndexOf(lines, "}", start) + 1)];
    }

    [Fact]
    public void ValidationScript_IsItsParametersThenTheCheckThenTheValidation()
    {
        var package = Assert.Single(Generate(Site(Subject, RootSha1)).Packages);
        var validation = Text(package, "site/AmtProvisioningCertificate/Test-AmtProvisioningCertificate.ps1").Split("\r\n");
        var detect = Text(package, "intune/AmtProvisioningCertificate/detect.ps1").Split("\r\n");

        // The parameters come first, as PowerShell requires; then the check body, with the detection script's own functions.
        Assert.Equal("<#", validation[0]);
        var parameters = Array.IndexOf(validation, "[CmdletBinding()]");
        Assert.True(parameters > 0 && parameters < Array.FindIndex(validation, l => l.StartsWith("function ", StringComparison.Ordinal)));
        Assert.Contains($"    [string[]]$TrustedRootHashes = @('{RootSha1}'),", validation);
        foreach (var function in new[] { "Get-EnhancedKeyUsageOid", "Test-AmtProvisioningPurpose", "Get-AmtRootCertificateHash" })
        {
            Assert.Equal(FunctionLines(detect, function), FunctionLines(validation, function));
            Assert.Single(validation, l => l.StartsWith($"function {function} ", StringComparison.Ordinal));
        }

        // Nothing of the check is written twice: one chain build, one EKU walk, one OU comparison.
        Assert.Single(validation, l => l.Contains("X509Chain", StringComparison.Ordinal) && l.Contains("New-Object", StringComparison.Ordinal));
        Assert.Single(validation, l => l.Contains(".EnhancedKeyUsages", StringComparison.Ordinal));
        Assert.Single(validation, l => l.Contains("-ccontains", StringComparison.Ordinal));

        // The validation still makes every check of an issued certificate.
        Assert.Equal(
            ["Private key", "Valid now", "Days left", "Server Authentication EKU", "AMT provisioning purpose", "No wildcard", "Common name", "AMT-trusted root", "AMT-trusted root"],
            validation.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"Add-Result -Check '([^']+)'")).Where(m => m.Success).Select(m => m.Groups[1].Value));
        Assert.Contains("Add-Result -Check 'Server Authentication EKU' -Passed (@(Get-EnhancedKeyUsageOid -Certificate $certificate) -contains $ServerAuthenticationOid) -Detail ('EKU ' + $ServerAuthenticationOid)", validation);
        Assert.Contains("Add-Result -Check 'AMT provisioning purpose' -Passed (Test-AmtProvisioningPurpose -Certificate $certificate) -Detail ('EKU ' + $AmtProvisioningOid + ', or ' + $AmtSetupOrganizationalUnit + ' exactly')", validation);
        Assert.Contains("$root = Get-AmtRootCertificateHash -Certificate $certificate", validation);
    }

    [Fact]
    public void Oids_ComeFromTheModelIntoTheCheckTheValidationAndTheRequest()
    {
        var package = Assert.Single(Generate(Site(Subject)).Packages);
        var detect = Text(package, "intune/AmtProvisioningCertificate/detect.ps1").Split("\r\n");
        var validation = Text(package, "site/AmtProvisioningCertificate/Test-AmtProvisioningCertificate.ps1").Split("\r\n");
        var inf = Text(package, "site/AmtProvisioningCertificate/request.inf").Split("\r\n");

        foreach (var script in new[] { detect, validation })
        {
            Assert.Contains("$AmtProvisioningOid = '2.16.840.1.113741.1.2.3'", script);
            Assert.Contains("$AmtSetupOrganizationalUnit = 'OU=Intel(R) Client Setup Certificate'", script);
        }

        Assert.Contains("$ServerAuthenticationOid = '1.3.6.1.5.5.7.3.1'", validation);
        Assert.Contains("OID = 1.3.6.1.5.5.7.3.1 ; Server Authentication", inf);
        Assert.Contains("OID = 2.16.840.1.113741.1.2.3 ; Intel AMT provisioning", inf);
        foreach (var template in new[] { "check.ps1.scriban", "validate-header.ps1.scriban", "validate.ps1.scriban", "request.inf.scriban" })
        {
            var text = File.ReadAllText(Path.Combine(Repository.Root, "templates", "amt-provisioning-certificate", template));
            Assert.DoesNotContain("1.3.6.1.5.5.7.3.1", text, StringComparison.Ordinal);
            Assert.DoesNotContain("2.16.840.1.113741.1.2.3", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'OU=Intel(R) Client Setup Certificate'", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Kit_ScriptsParseAndNeverHoldAPassword()
    {
        using var folder = new TempDirectory();
        var package = Assert.Single(Generate(Site(Subject, RootSha1)).Packages);
        PackageWriter.Write(folder.Path, [package], force: false);

        var report = PowerShellAssert.ParsesWithoutErrors([folder.Path]);

        PowerShellAssert.UsesOnlyDocumentedConfigMgrParameters(report);
        foreach (var file in package.Files)
        {
            var text = Encoding.UTF8.GetString(file.Content);
            Assert.DoesNotContain("AsPlainText", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ConvertTo-SecureString", text, StringComparison.OrdinalIgnoreCase);
        }

        var export = Text(package, "site/AmtProvisioningCertificate/Export-AmtProvisioningCertificate.ps1");
        Assert.Contains("[Parameter(Mandatory = $true)]\r\n    [System.Security.SecureString]$Password", export, StringComparison.Ordinal);
        Assert.Contains("Export-PfxCertificate -Cert $certificate -FilePath $Path -Password $Password -ChainOption BuildChain", export, StringComparison.Ordinal);
    }
}
