namespace RemediationGen.Templates;

/// <summary>
/// A template as a renderer takes it: its name, typed by the model it renders with, so that rendering it with another
/// model does not compile (<see cref="TemplateRenderer.Render{TModel}"/>). Contravariant: a template that reads no value
/// (typed <see cref="ITemplateModel"/>) renders with any model.
/// </summary>
internal interface ITemplateRef<in TModel> : ITemplateRef
    where TModel : ITemplateModel;

/// <summary>A typed template reference without its model type, for listing every reference (the parity test).</summary>
internal interface ITemplateRef
{
    /// <summary>The template's name without <c>.scriban</c>, e.g. <c>shared/script-header.ps1</c>: the user's override file name.</summary>
    string Name { get; }

    /// <summary>The one model type the template renders with.</summary>
    Type ModelType { get; }
}

/// <summary>
/// A template and its model type. Declare each once, where Packaging names its templates; the name stays the override
/// contract (<c>--templates DIR</c> matches files by name).
/// </summary>
internal sealed record TemplateRef<TModel>(string Name) : ITemplateRef<TModel>
    where TModel : ITemplateModel
{
    public Type ModelType => typeof(TModel);
}
