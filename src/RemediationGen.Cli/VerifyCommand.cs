using System.CommandLine;
using RemediationGen.Verification;

namespace RemediationGen.Cli;

internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error, TimeProvider timeProvider)
    {
        var folder = new Argument<string>("package-folder") { Description = "A package folder (OUT/<SiteCode>)." };
        var trusted = new Option<string[]>("--trusted-signer")
        {
            Description = "The package must be signed by this certificate (SHA-1 thumbprint). Repeatable: any of them.",
            HelpName = "THUMBPRINT",
        };
        var format = new Option<string>("--format") { Description = "text: one line per problem and a summary; json: one document.", DefaultValueFactory = _ => "text", HelpName = "text|json" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("verify", "Check a package before deployment: manifest hashes, no file added or missing, Graph bodies, targets, and every script's signature.");
        command.Arguments.Add(folder);
        command.Options.Add(trusted);
        command.Options.Add(format);
        command.Validators.Add(result =>
        {
            foreach (var thumbprint in result.GetValue(trusted) ?? [])
            {
                if (!SigningCliOptions.IsThumbprint(thumbprint))
                {
                    result.AddError($"--trusted-signer '{thumbprint}' is not a SHA-1 thumbprint (40 hex digits).");
                }
            }
        });
        command.SetAction(parse => CliApplication.Guard(error, parse.GetValue(CliOptions.Verbose), () =>
        {
            var report = PackageVerifier.Verify(parse.GetValue(folder)!, parse.GetValue(trusted) ?? [], timeProvider);
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(VerificationOutput.Json(report));
            }
            else
            {
                foreach (var line in VerificationOutput.TextLines(report))
                {
                    output.WriteLine(line);
                }
            }

            return report.Verified ? ExitCodes.Success : ExitCodes.VerificationFailed;
        }));
        return command;
    }
}
