namespace RemediationGen.Templates;

/// <summary>
/// What a template is rendered with: one sealed record per kind of template (a pair's scripts, the README's parts, the
/// import and status scripts), whose public properties are all the template sees (<see cref="TemplateModel"/>). Each
/// template names its model type through its <see cref="TemplateRef{TModel}"/>.
/// </summary>
#pragma warning disable CA1040 // A marker: only a model type made for templates can be rendered, never a plain object.
internal interface ITemplateModel;
#pragma warning restore CA1040
