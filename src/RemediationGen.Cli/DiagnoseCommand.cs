using System.CommandLine;
using RemediationGen.Diagnosis;
using RemediationGen.Jobs;

namespace RemediationGen.Cli;

internal static class DiagnoseCommand
{
    public static Command Create(CliOptions shared, TextWriter output, TextWriter error, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var format = new Option<string>("--format") { Description = "text for people, json for scripts (see README 'Findings JSON').", DefaultValueFactory = _ => "text", HelpName = "text|json" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diagnose", "Show which servers the logs show failing, with evidence (file, line, time). Exit code 1 when there are findings.");
        command.Options.Add(shared.Logs);
        shared.AddServerOption(command);
        shared.AddFactsSourceOptions(command);
        command.Options.Add(format);
        shared.RequireOneFactsSource(command, required: false);
        command.SetAction(parse => CliApplication.Guard(error, parse.GetValue(CliOptions.Verbose), () =>
        {
            var result = DiagnoseJob.Run(new DiagnoseJobOptions(shared.FactsSource(parse), parse.GetValue(shared.Logs) ?? [], shared.Servers(parse)), timeProvider, cancellationToken);
            output.Write(parse.GetValue(format) == "json" ? DiagnosisJson.Serialize(result) : DiagnosisText.Format(result));
            return result.Findings.Count > 0 ? ExitCodes.FindingsPresent : ExitCodes.Success;
        }));
        return command;
    }
}
