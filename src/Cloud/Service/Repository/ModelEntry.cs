namespace EdgeAi.Cloud.Service.Repository;

/// <summary>An immutable snapshot of one model's place in the repository.</summary>
/// <param name="Name">Model name (its folder).</param>
/// <param name="State">Whether it serves.</param>
/// <param name="Reason">Why it does not serve, or why the last reload failed while an older load keeps serving.</param>
/// <param name="Model">The serving model, when <see cref="State"/> is <see cref="ModelState.Ready"/>.</param>
internal sealed record ModelEntry(string Name, ModelState State, string Reason, LoadedModel? Model);
