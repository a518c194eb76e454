using System.CommandLine;
using RemediationGen.Jobs;

namespace RemediationGen.Cli;

internal static class CollectCommand
{
    public static Command Create(CliOptions shared, TextWriter output, TextWriter error, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var sql = new Option<string>("--sql") { Description = shared.Sql.Description, Required = true, HelpName = "CONNECTION-STRING" };
        var outOption = new Option<string>("--out") { Description = "The facts file to write (JSON, schemaVersion 1). No secret is written to it.", Required = true, HelpName = "FILE" };
        var command = new Command("collect", "Read the site database (a CAS gives every site of the hierarchy) and write the facts file for offline generation and review.");
        command.Options.Add(sql);
        command.Options.Add(shared.SqlTimeout);
        command.Options.Add(shared.IclComponent);
        command.Options.Add(outOption);
        command.Options.Add(shared.Force);
        shared.AddSqlValueValidators(command);
        command.SetAction(parse => CliApplication.Guard(error, parse.GetValue(CliOptions.Verbose), () =>
        {
            var source = shared.SqlSource(parse, parse.GetValue(sql)!);
            var result = CollectJob.Run(new CollectJobOptions(source, parse.GetValue(outOption)!, parse.GetValue(shared.Force)), timeProvider, cancellationToken);
            output.WriteLine($"Facts: {result.Facts.Origin}: {result.Facts.Sites.Count} site(s) ({string.Join(", ", result.Facts.Sites.Select(s => s.SiteCode))}); wrote {result.OutputFile}.");
            foreach (var warning in result.Facts.Warnings)
            {
                error.WriteLine($"warning: {warning}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
