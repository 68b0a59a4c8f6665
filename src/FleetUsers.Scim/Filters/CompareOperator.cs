namespace FleetUsers.Scim.Filters;

/// <summary><c>compareOp</c> of RFC 7644 §3.4.2.2 (<c>pr</c> is <see cref="PresentFilter"/>).</summary>
public enum CompareOperator
{
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}
