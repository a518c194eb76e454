using System.Management.Automation.Language;
using System.Text;
using RemediationGen.Diagnosis;
using RemediationGen.Facts;
using RemediationGen.Fixes;
using RemediationGen.Packaging;
using RemediationGen.Tests.Support;

namespace RemediationGen.Tests.Scripts;

/// <summary>
/// One generated package whose scripts the tables run: the demo snapshots in output-samples/ (byte for byte what
/// ships), the demo's PS1 package signed, the packages of the two-site test hierarchy, and a package generated from hostile facts.
/// </summary>
public sealed record PackageUnderTest(string Name, string SiteCode, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>Values that must stay data when a script runs; HostileInputTests feeds the same list through generation.</summary>
    public static readonly string[] HostileEntries =
    [
        "A'B",
        "'; Remove-Item -Recurse -Force C:\\ ; '",
        "\u2018; Invoke-Pwned; \u2019",
        "\u201A\u201B",
        "$(Invoke-Pwned)",
        "`$x`n; exit 0",
        "a;b #> <# ",
        "line1\nInvoke-Pwned\r\n",
        "\"quoted\"",
    ];

    private static readonly Lazy<IReadOnlyList<PackageUnderTest>> LazyAll = new(Load);

    public static IReadOnlyList<PackageUnderTest> All => LazyAll.Value;

    public static PackageUnderTest Named(string name) => All.Single(p => p.Name == name);

    /// <summary>The names of the packages that hold <paramref name="relativePath"/>, for [MemberData].</summary>
    public static IEnumerable<string> Holding(string relativePath) => All.Where(p => p.Files.ContainsKey(relativePath)).Select(p => p.Name);

    public bool Has(string relativePath) => Files.ContainsKey(relativePath);

    /// <summary>The value of a constant assignment <c>$Name = ...</c> at the top of a script, read with the PowerShell parser.</summary>
    public object Constant(string relativePath, string variable)
    {
        var ast = Parsed(relativePath);
        var assignment = ast.FindAll(a => a is AssignmentStatementAst { Left: VariableExpressionAst v } && v.VariablePath.UserPath == variable, searchNestedScriptBlocks: false)
            .Cast<AssignmentStatementAst>().First();
        return Evaluate(assignment.Right);
    }

    /// <summary>Constants, arrays, '+' and [char]/[string[]] casts: the only forms the templates write values in.</summary>
    private static object Evaluate(Ast ast) => ast switch
    {
        CommandExpressionAst command => Evaluate(command.Expression),
        PipelineAst { PipelineElements.Count: 1 } pipeline => Evaluate(pipeline.PipelineElements[0]),
        ParenExpressionAst paren => Evaluate(paren.Pipeline),
        ArrayExpressionAst array => array.SubExpression.Statements.SelectMany(s => Evaluate(s) is object[] items ? items : new[] { Evaluate(s) }).ToArray(),
        ArrayLiteralAst literal => literal.Elements.Select(Evaluate).ToArray(),
        ConvertExpressionAst { Type.TypeName.Name: "char" } cast => (object)(char)Convert.ToInt32(Evaluate(cast.Child), System.Globalization.CultureInfo.InvariantCulture),
        ConvertExpressionAst cast => Evaluate(cast.Child),
        HashtableAst table => table.KeyValuePairs.ToDictionary(p => ((StringConstantExpressionAst)p.Item1).Value, p => Evaluate(p.Item2), StringComparer.OrdinalIgnoreCase),
        BinaryExpressionAst { Operator: TokenKind.Plus } sum => string.Concat(Evaluate(sum.Left).ToString(), Evaluate(sum.Right).ToString()),
        StringConstantExpressionAst text => text.Value,
        ConstantExpressionAst constant => constant.Value,
        _ => throw new NotSupportedException("Not a constant the templates write: " + ast.Extent.Text),
    };

    /// <summary>The default value of a script parameter, e.g. <c>[string]$ProviderMachineName = 'cm01.contoso.com'</c>.</summary>
    public string ParameterDefault(string relativePath, string parameter)
    {
        var ast = Parsed(relativePath);
        var declared = ast.ParamBlock.Parameters.Single(p => p.Name.VariablePath.UserPath == parameter);
        return (string)Evaluate(declared.DefaultValue!);
    }

    /// <summary>
    /// The package's files on disk (scripts read files next to them), and the script's full path. A script that
    /// writes next to itself (the runbook: state, transcript) gets a copy in <paramref name="world"/>; the others run
    /// from one copy per package, so PowerShell compiles each script once per test run, not once per row.
    /// </summary>
    public string Install(ScriptWorld world, string relativePath, bool writesNextToItself)
    {
        foreach (var (path, text) in Files)
        {
            world.TextLabels[text] = "<file " + path + ">";
        }

        var folder = writesNextToItself
            ? WriteFiles(Path.Combine(world.Root, "package"))
            : SharedCopies.GetOrAdd(Name, name => new Lazy<string>(() => WriteFiles(Path.Combine(ScriptScenarioTest.ProcessFolder, "packages", name)))).Value;
        return Path.Combine([folder, .. relativePath.Split('/')]);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Package, string Path), ScriptBlockAst> ParsedScripts = new();

    private ScriptBlockAst Parsed(string relativePath) =>
        ParsedScripts.GetOrAdd((Name, relativePath), key => Parser.ParseInput(Files[key.Path], out _, out _));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<string>> SharedCopies = new(StringComparer.Ordinal);

    private string WriteFiles(string folder)
    {
        foreach (var (path, text) in Files)
        {
            var target = Path.Combine([folder, .. path.Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text, new UTF8Encoding(false));
        }

        return folder;
    }

    private static List<PackageUnderTest> Load()
    {
        var packages = new List<PackageUnderTest>();
        foreach (var site in Directory.EnumerateDirectories(Repository.OutputSamples).Order(StringComparer.Ordinal))
        {
            var code = Path.GetFileName(site);
            packages.Add(new PackageUnderTest("demo-" + code, code, Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(site, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal)));
        }

        // The demo signed as an admin would (generate --sign-certificate): the signature block must change nothing a script does.
        var signed = Path.Combine(Signing.SignedDemo.Folder, "PS1");
        packages.Add(new PackageUnderTest("signed-demo-PS1", "PS1", Directory.EnumerateFiles(signed, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(signed, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal)));

        var twoSites = TestGenerator.Generate(Rules.TestFacts.TwoSites, DiagnosisResult.Empty, logsRead: false, new GenerateOptions(TargetSelection.All, []));
        packages.AddRange(twoSites.Packages.Select(p => FromRendered("two-site-" + p.SiteCode, p)));

        var hostileFacts = new HierarchyFacts(
            [new SiteFacts("PS1", "cm01.contoso.com", string.Join("\\0", HostileEntries), ["mp01.contoso.com"], [new DistributionPointFacts("dp01.contoso.com", IsPxe: true, PxePasswordSet: true)])],
            "test",
            null,
            []);
        packages.Add(FromRendered("hostile-PS1", Assert.Single(TestGenerator.Generate(hostileFacts, DiagnosisResult.Empty, logsRead: false, new GenerateOptions(TargetSelection.All, [])).Packages)));
        return packages;
    }

    private static PackageUnderTest FromRendered(string name, RenderedPackage package) =>
        new(name, package.SiteCode, package.Files.ToDictionary(f => f.RelativePath, f => Encoding.UTF8.GetString(f.Content), StringComparer.Ordinal));
}
