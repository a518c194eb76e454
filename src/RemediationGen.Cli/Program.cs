using RemediationGen.Cli;
using RemediationGen.Templates;

// generate spends most of a small run compiling templates: start Handlebars.Net's one-time cost on another core now.
if (args is ["generate", ..])
{
    _ = Task.Run(TemplateRenderer.WarmUp);
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return CliApplication.Run(args, Console.Out, Console.Error, TimeProvider.System, cancellation.Token);
