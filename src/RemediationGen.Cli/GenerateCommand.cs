using System.CommandLine;
using RemediationGen.Fixes;
using RemediationGen.Jobs;
using RemediationGen.Problems;

namespace RemediationGen.Cli;

internal static class GenerateCommand
{
    public static Command Create(CliOptions shared, TextWriter output, TextWriter error, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var outOption = new Option<string>("--out") { Description = "Folder to write the packages into: one <SiteCode> folder per site.", Required = true, HelpName = "DIR" };
        var sites = new Option<string[]>("--site") { Description = "Only these sites (site codes). Repeatable. Default: every site in the facts.", HelpName = "CODE", AllowMultipleArgumentsPerToken = true };
        var targets = new Option<string>("--targets")
        {
            Description = "all: every MP and PXE-enabled DP of the site (the check changes nothing where the value is right); affected: only servers the logs show failing.",
            DefaultValueFactory = _ => "all",
            HelpName = "all|affected",
        };
        targets.AcceptOnlyFromAmong("all", "affected");
        var templates = new Option<string>("--templates") { Description = "Folder of template overrides, by the same relative names as templates/ (file by file).", HelpName = "DIR" };

        // Each fix declares its own options; they follow the shared ones in the problems' order.
        var fixOptions = new FixCliOptions(ProblemSet.Core.Fixes);

        var command = new Command("generate", "Generate one fix package per site: detection/remediation pairs for Intune and ConfigMgr, an import script, a README and a manifest.");
        shared.AddFactsSourceOptions(command);
        command.Options.Add(shared.Logs);
        shared.AddServerOption(command);
        command.Options.Add(outOption);
        command.Options.Add(sites);
        command.Options.Add(targets);
        command.Options.Add(templates);
        command.Options.Add(shared.Force);
        fixOptions.AddTo(command);
        var signing = new SigningCliOptions();
        signing.AddTo(command, required: false);
        shared.RequireOneFactsSource(command, required: true);
        command.SetAction(parse => CliApplication.Guard(error, parse.GetValue(CliOptions.Verbose), () =>
        {
            var options = new GenerateJobOptions(
                shared.FactsSource(parse)!,
                parse.GetValue(shared.Logs) ?? [],
                parse.GetValue(outOption)!,
                parse.GetValue(sites) ?? [],
                parse.GetValue(targets) == "affected" ? TargetSelection.Affected : TargetSelection.All,
                parse.GetValue(templates),
                parse.GetValue(shared.Force),
                shared.Servers(parse))
            {
                FixOptions = fixOptions.Values(parse),
                Signing = signing.Source(parse),
            };
            var result = GenerateJob.Run(options, timeProvider, cancellationToken);
            output.WriteLine($"Facts: {result.FactsOrigin} ({result.SiteCount} site(s)). Logs: {result.Diagnosis.FilesRead} file(s), {result.Diagnosis.LinesRead} line(s), {result.Diagnosis.Findings.Count} finding(s), {result.Diagnosis.UnresolvedCount} open.");
            for (var i = 0; i < result.Packages.Count; i++)
            {
                output.WriteLine($"{result.Packages[i].SiteCode}: wrote {result.Written[i]} ({result.Packages[i].Files.Count} files)");
            }

            if (result.Packages.Count == 0)
            {
                output.WriteLine("No package: no site has anything to fix (see the notes).");
            }

            foreach (var note in result.Notes)
            {
                output.WriteLine($"note: {note}");
            }

            foreach (var rejected in result.Diagnosis.Rejected)
            {
                error.WriteLine($"warning: {rejected.Evidence.File}:{rejected.Evidence.Line}: '{rejected.Value}' was not used: {rejected.Reason}.");
            }

            foreach (var problem in result.Diagnosis.Problems)
            {
                error.WriteLine($"warning: {problem.File}: {problem.Reason}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
