namespace FleetUsers.Domain.Users;

public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>Every problem of a new password; empty when it is acceptable.</summary>
    public static IEnumerable<string> Problems(string password, string? username)
    {
        if (password.Length is < MinLength or > MaxLength)
        {
            yield return $"password must be {MinLength} to {MaxLength} characters";
        }
        var classes = new[]
        {
            password.Any(char.IsLower),
            password.Any(char.IsUpper),
            password.Any(char.IsDigit),
            password.Any(c => !char.IsLetterOrDigit(c)),
        }.Count(present => present);
        if (classes < 3)
        {
            yield return "password must contain at least three of: lower case, upper case, digit, symbol";
        }
        if (username is not null && string.Equals(password, username, StringComparison.OrdinalIgnoreCase))
        {
            yield return "password must not equal the username";
        }
    }
}
