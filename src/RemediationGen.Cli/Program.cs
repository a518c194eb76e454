using RemediationGen.Cli;
using RemediationGen.Templates;

// generate spends most of a small run compiling templates: start Handlebars.Net's one-time cost on another core now
// (a cheap guess before parsing: a stray "generate" elsewhere costs a little CPU and changes nothing).
if (args.Contains("generate", StringComparer.Ordinal))
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
