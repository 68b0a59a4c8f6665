namespace FleetUsers.Domain.Groups;

/// <summary>A user holds the role in the group and in every group below it.</summary>
public readonly record struct GroupRole(Guid GroupId, int RoleId);
