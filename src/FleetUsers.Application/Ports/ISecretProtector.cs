namespace FleetUsers.Application.Ports;

/// <summary>Encrypts a secret the service must read back (a webhook's signing secret) before it is stored.</summary>
public interface ISecretProtector
{
    string Protect(string secret);

    string Unprotect(string protectedSecret);
}
