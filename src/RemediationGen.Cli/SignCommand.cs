using System.CommandLine;
using RemediationGen.Jobs;

namespace RemediationGen.Cli;

internal static class SignCommand
{
    public static Command Create(TextWriter output, TextWriter error, TimeProvider timeProvider)
    {
        var folder = new Argument<string>("package-folder") { Description = "A package folder (OUT/<SiteCode>) generated unsigned and reviewed." };
        var signing = new SigningCliOptions();
        var command = new Command("sign", "Authenticode-sign every script of a reviewed package, in place and atomically; refuses a package that changed since it was generated.");
        command.Arguments.Add(folder);
        signing.AddTo(command, required: true);
        command.SetAction(parse => CliApplication.Guard(error, parse.GetValue(CliOptions.Verbose), () =>
        {
            var result = SignJob.Run(parse.GetValue(folder)!, signing.Source(parse)!, timeProvider);
            output.WriteLine($"Signed {result.ScriptCount} script(s) in {result.Folder} with {result.Signer.Subject} (thumbprint {result.Signer.Thumbprint}, {result.Signer.Validity}).");
            output.WriteLine($"Next: remediationgen verify {result.Folder} --trusted-signer {result.Signer.Thumbprint}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
