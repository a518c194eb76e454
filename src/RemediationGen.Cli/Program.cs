using RemediationGen.Cli;
using RemediationGen.Templates;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// generate parses and checks the 30 embedded templates before anything else: start that on a second core now, while
// the command line is parsed; the job waits for whatever is not done yet (TemplateCatalog shares them process-wide).
if (args is ["generate", ..])
{
    _ = Task.Run(() => TemplateCatalog.PreloadEmbedded(cancellation.Token), cancellation.Token);
}

return CliApplication.Run(args, Console.Out, Console.Error, TimeProvider.System, cancellation.Token);
