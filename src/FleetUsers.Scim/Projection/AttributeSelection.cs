using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Projection;

/// <summary>
/// The attributes a list of <c>attributes</c> or <c>excludedAttributes</c> names, resolved against a
/// resource type: whole attributes, sub-attributes, or a whole extension by its URN. Names the
/// type does not have select nothing.
/// </summary>
internal sealed class AttributeSelection
{
    private readonly HashSet<AttributeDefinition> whole = new(ReferenceEqualityComparer.Instance);
    private readonly List<(AttributeDefinition Attribute, AttributeDefinition Sub)> subs = [];

    /// <summary>Some names were given, whether or not they select anything.</summary>
    public bool Given { get; private set; }

    public static AttributeSelection Of(ResourceType type, IEnumerable<AttributePath> paths)
    {
        var selection = new AttributeSelection();
        foreach (var path in paths)
        {
            selection.Given = true;
            if (path is { SchemaUrn: { } urn, SubAttribute: null } && type.Extension($"{urn}:{path.Name}") is { } extension)
            {
                selection.whole.UnionWith(extension.Attributes);
                continue;
            }
            if (type.Resolve(path.SchemaUrn, path.Name)?.Definition is not { } attribute) continue;
            if (path.SubAttribute is null) selection.whole.Add(attribute);
            else if (attribute.SubAttribute(path.SubAttribute) is { } sub) selection.subs.Add((attribute, sub));
        }
        return selection;
    }

    public bool Whole(AttributeDefinition attribute) => whole.Contains(attribute);

    // By reference: two sub-attributes can be equal as records (emails.primary, phoneNumbers.primary).
    public bool Sub(AttributeDefinition attribute, AttributeDefinition sub) =>
        subs.Any(selected => ReferenceEquals(selected.Attribute, attribute) && ReferenceEquals(selected.Sub, sub));

    /// <summary>The attribute itself or one of its sub-attributes is selected.</summary>
    public bool Touches(AttributeDefinition attribute) =>
        whole.Contains(attribute) || subs.Any(selected => ReferenceEquals(selected.Attribute, attribute));
}
