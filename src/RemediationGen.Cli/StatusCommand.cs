using System.CommandLine;
using RemediationGen.Status;

namespace RemediationGen.Cli;

/// <summary><c>remediationgen status PACKAGE --from CSV</c>: did the fix work on each target, and where did it fail.</summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("package-folder") { Description = "A package folder (OUT/<SiteCode>): its manifest.json lists the pairs, targets and findings." };
        var from = new Option<string>("--from")
        {
            Description = "The status export: Get-IntuneRemediationStatus.ps1 -AsCsv or Get-ConfigMgrBaselineStatus.ps1 -AsCsv, saved to a file.",
            HelpName = "CSV",
            Required = true,
        };
        var format = new Option<string>("--format") { Description = "text, json or markdown (for a change review).", DefaultValueFactory = _ => "text", HelpName = "text|json|markdown" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var command = new Command("status", "Report per pair and target server whether the fix worked (fixed, still failing, error, not evaluated), from a status export of either route.");
        command.Arguments.Add(folder);
        command.Options.Add(from);
        command.Options.Add(format);
        command.SetAction(parse => CliApplication.Guard(error, parse.GetValue(CliOptions.Verbose), () =>
        {
            var report = StatusJob.Run(parse.GetValue(folder)!, parse.GetValue(from)!);
            switch (parse.GetValue(format))
            {
                case "json":
                    output.WriteLine(StatusOutput.Json(report));
                    break;
                case "markdown":
                    output.Write(StatusOutput.Markdown(report));
                    break;
                default:
                    foreach (var line in StatusOutput.TextLines(report))
                    {
                        output.WriteLine(line);
                    }

                    break;
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
