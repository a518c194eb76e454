using System.CommandLine;
using RemediationGen.Diagnosis;
using RemediationGen.Jobs;

namespace RemediationGen.Cli;

internal static class DiagnoseCommand
{
    public static Command Create(CliOptions shared, TextWriter output, TextWriter error, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var format = new Option<string>("--format") { Description = "text for people (a table, then each finding), json for scripts, markdown for tickets and wikis.", DefaultValueFactory = _ => "text", HelpName = "text|json|markdown" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var command = new Command(
            "diagnose",
            "Show which servers the logs show failing, with evidence (file, line, local time and UTC), the fix generate will emit, and "
            + "whether a later record resolved it. Exit code 1 when at least one finding is not resolved; a finding a later recovery line resolved does not count.");
        command.Options.Add(shared.Logs);
        shared.AddServerOption(command);
        shared.AddFactsSourceOptions(command);
        command.Options.Add(format);
        shared.RequireOneFactsSource(command, required: false);
        command.SetAction(parse => CliApplication.Guard(error, parse.GetValue(CliOptions.Verbose), () =>
        {
            var options = new DiagnoseJobOptions(shared.FactsSource(parse), parse.GetValue(shared.Logs) ?? [], shared.Servers(parse));
            DiagnoseJobResult job;
            using (var progress = TerminalProgress.IsWanted(error) ? new TerminalProgress(error, timeProvider) : null)
            {
                job = DiagnoseJob.Run(options, timeProvider, progress, cancellationToken);
            }

            // On stderr, as collect does, so that the report on stdout stays the format asked for.
            foreach (var warning in job.FactsWarnings)
            {
                error.WriteLine($"warning: {warning}");
            }

            var result = job.Diagnosis;

            output.Write(parse.GetValue(format) switch
            {
                "json" => DiagnosisJson.Serialize(result),
                "markdown" => DiagnosisMarkdown.Format(result),
                _ => DiagnosisText.Format(result),
            });
            return result.UnresolvedCount > 0 ? ExitCodes.FindingsPresent : ExitCodes.Success;
        }));
        return command;
    }
}
