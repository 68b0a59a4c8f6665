namespace FleetUsers.Scim.Schema;

/// <summary>
/// One attribute of a schema with the characteristics of RFC 7643 §2.2 and §7. The defaults are
/// those the RFC gives an attribute that does not state them (§2.2), except <see cref="CaseExact"/>
/// which each definition states.
/// </summary>
public sealed record AttributeDefinition(string Name, AttributeType Type, string Description)
{
    public bool MultiValued { get; init; }
    public bool Required { get; init; }
    public bool CaseExact { get; init; }
    public Mutability Mutability { get; init; } = Mutability.ReadWrite;
    public Returned Returned { get; init; } = Returned.Default;
    public Uniqueness Uniqueness { get; init; } = Uniqueness.None;
    public IReadOnlyList<string> CanonicalValues { get; init; } = [];
    public IReadOnlyList<string> ReferenceTypes { get; init; } = [];
    public IReadOnlyList<AttributeDefinition> SubAttributes { get; init; } = [];

    public bool IsComplex => Type == AttributeType.Complex;

    /// <summary>A sub-attribute by name, ignoring case (RFC 7643 §2.1).</summary>
    public AttributeDefinition? SubAttribute(string name) =>
        SubAttributes.FirstOrDefault(sub => sub.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The sub-attribute a filter or a comparison on the whole complex value means: "value".</summary>
    public AttributeDefinition? ValueSubAttribute => SubAttribute("value");
}
