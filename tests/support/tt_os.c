/* tt_os: see tt_os.h. */
#include "tt_os.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef _WIN32
#include <windows.h>

#include <aclapi.h>
#include <direct.h>
#define tt_mkdir(p) _mkdir(p)
#else
#define tt_mkdir(p) mkdir(p, 0700)
#endif

const char *tt_temp_base(void)
{
#ifdef _WIN32
    static char base[MAX_PATH + 1];
    DWORD n = GetTempPathA(sizeof base, base);
    if (n == 0 || n >= sizeof base)
        return ".";
    if (base[n - 1] == '\\' || base[n - 1] == '/')
        base[n - 1] = 0;
    return base;
#else
    return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
#endif
}

int tt_mkdtemp(char *buf, size_t size, const char *prefix)
{
    int n = snprintf(buf, size, "%s/%s-XXXXXX", tt_temp_base(), prefix);
    if (n < 0 || (size_t)n >= size)
        return errno = ENAMETOOLONG, -1;
#ifdef _WIN32
    static const char abc[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    char *x = buf + n - 6;
    for (int tries = 0; tries < 100; tries++) {
        unsigned r = GetTickCount() ^ (unsigned)GetCurrentProcessId() * 2654435761u ^
                     (unsigned)tries * 40503u ^ (unsigned)rand();
        for (int i = 0; i < 6; i++, r /= 36)
            x[i] = abc[r % 36];
        if (_mkdir(buf) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
#else
    return mkdtemp(buf) ? 0 : -1;
#endif
}

static int join(char *buf, size_t size, const char *a, const char *b)
{
    int n = snprintf(buf, size, "%s/%s", a, b);
    return n < 0 || (size_t)n >= size ? (errno = ENAMETOOLONG, -1) : 0;
}

static int copy_file(const char *from, const char *to)
{
    char buf[65536];
    size_t n;
    int rc = 0;
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    if (!out)
        rc = -1;
    while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (in && ferror(in))
        rc = -1;
    if (out && fclose(out) != 0)
        rc = -1;
    if (in)
        fclose(in);
    return rc;
}

int tt_copy_tree(const char *from, const char *to)
{
    DIR *d = opendir(from);
    struct dirent *e;
    int rc = 0;
    if (!d)
        return -1;
    while (!rc && (e = readdir(d)) != NULL) {
        char src[4096], dst[4096];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (join(src, sizeof src, from, e->d_name) || join(dst, sizeof dst, to, e->d_name) ||
            stat(src, &st) != 0)
            rc = -1;
        else if (S_ISDIR(st.st_mode))
            rc = (tt_mkdir(dst) == 0 || errno == EEXIST) ? tt_copy_tree(src, dst) : -1;
        else
            rc = copy_file(src, dst);
    }
    closedir(d);
    return rc;
}

int tt_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;
    if (!d)
        return errno == ENOENT ? 0 : -1;
    while ((e = readdir(d)) != NULL) {
        char p[4096];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (join(p, sizeof p, dir, e->d_name) != 0) {
            rc = -1;
            continue;
        }
#ifdef _WIN32
        int is_dir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
#else
        int is_dir = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
#endif
        if (is_dir ? tt_remove_tree(p) : unlink(p))
            rc = -1;
    }
    closedir(d);
    if (rmdir(dir) != 0)
        rc = -1;
    return rc;
}

int tt_count_prefix(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            n++;
    closedir(d);
    return n;
}

int tt_owner_only(const char *path)
{
#ifdef _WIN32
    PACL dacl = NULL;
    PSECURITY_DESCRIPTOR sd = NULL;
    SECURITY_DESCRIPTOR_CONTROL ctl = 0;
    DWORD rev, len;
    HANDLE token = NULL;
    union {
        TOKEN_USER user;
        unsigned char bytes[256];
    } me;
    int ok = 0;
    if (GetNamedSecurityInfoA(path, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, NULL, NULL, &dacl,
                              NULL, &sd) != ERROR_SUCCESS)
        return 0;
    if (!dacl || !GetSecurityDescriptorControl(sd, &ctl, &rev) || !(ctl & SE_DACL_PROTECTED) ||
        !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token) ||
        !GetTokenInformation(token, TokenUser, &me, sizeof me, &len))
        goto done;
    ok = dacl->AceCount > 0;
    for (DWORD i = 0; ok && i < dacl->AceCount; i++) {
        ACCESS_ALLOWED_ACE *ace = NULL;
        if (!GetAce(dacl, i, (void **)&ace) || ace->Header.AceType != ACCESS_ALLOWED_ACE_TYPE ||
            !EqualSid((PSID)&ace->SidStart, me.user.User.Sid))
            ok = 0;
    }
done:
    if (token)
        CloseHandle(token);
    LocalFree(sd);
    return ok;
#else
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    return (st.st_mode & 0777) == (S_ISDIR(st.st_mode) ? 0700u : 0600u);
#endif
}

int tt_acls_kept(const char *dir)
{
#ifdef _WIN32
    char probe[4096];
    EXPLICIT_ACCESS_A ea = {0};
    PACL acl = NULL;
    union {
        TOKEN_USER user;
        unsigned char bytes[256];
    } me;
    DWORD len;
    HANDLE token = NULL;
    int kept = 0;
    if (join(probe, sizeof probe, dir, "acl-probe") != 0)
        return 0;
    FILE *f = fopen(probe, "wb");
    if (!f)
        return 0;
    fclose(f);
    if (OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token) &&
        GetTokenInformation(token, TokenUser, &me, sizeof me, &len)) {
        ea.grfAccessPermissions = GENERIC_ALL;
        ea.grfAccessMode = SET_ACCESS;
        ea.Trustee.TrusteeForm = TRUSTEE_IS_SID;
        ea.Trustee.ptstrName = (LPSTR)me.user.User.Sid;
        if (SetEntriesInAclA(1, &ea, NULL, &acl) == ERROR_SUCCESS &&
            SetNamedSecurityInfoA(probe, SE_FILE_OBJECT,
                                  DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                  NULL, NULL, acl, NULL) == ERROR_SUCCESS)
            kept = tt_owner_only(probe);
    }
    if (token)
        CloseHandle(token);
    LocalFree(acl);
    unlink(probe);
    return kept;
#else
    (void)dir;
    return 1;
#endif
}

int tt_setenv(const char *name, const char *value)
{
#ifdef _WIN32
    return _putenv_s(name, value) == 0 ? 0 : -1;
#else
    return setenv(name, value, 1);
#endif
}
