namespace FleetUsers.Scim.Schema;

/// <summary>The data types of RFC 7643 §2.3.</summary>
public enum AttributeType
{
    String,
    Boolean,
    Decimal,
    Integer,
    DateTime,
    Binary,
    Reference,
    Complex,
}

/// <summary>RFC 7643 §2.2 <c>mutability</c>.</summary>
public enum Mutability
{
    ReadOnly,
    ReadWrite,
    Immutable,
    WriteOnly,
}

/// <summary>RFC 7643 §2.2 <c>returned</c>.</summary>
public enum Returned
{
    Always,
    Never,
    Default,
    Request,
}

/// <summary>RFC 7643 §2.2 <c>uniqueness</c>.</summary>
public enum Uniqueness
{
    None,
    Server,
    Global,
}
