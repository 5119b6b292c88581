/*
 * Re-executes the shim from its sealed memfd copy (Exec/SealedExecutable.cs). Only here because fexecve(3) needs the
 * process's environ, which C# cannot name; everything else about the copy and its seals is C#.
 */
#define _GNU_SOURCE
#include <unistd.h>

extern char **environ;

int cps_fexecve(int fd, char *const argv[])
{
    fexecve(fd, argv, environ);
    return -1; /* errno tells why */
}
