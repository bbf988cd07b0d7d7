/* tp_io: the Win32 implementation of the storage seam (platform/tp_io.h), UTF-8 paths through
 * the wide-character API. Files are opened with every sharing mode so they behave as on POSIX
 * (another handle may read, and a file may be renamed or deleted while open); the exclusive
 * lock is LockFileEx on one byte far beyond any data, so it excludes other lockers without
 * blocking anybody's reads and writes (Windows byte-range locks are mandatory). */
#include "tp_io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tpw_util.h"

struct tp_io_file {
    HANDLE h;                /* INVALID_HANDLE_VALUE once detached by a rename over its path */
    wchar_t *full;           /* the full path it was opened under, for w_rename */
    struct tp_io_file *next; /* the list of this process's open files */
};

/* This process's open files: Windows cannot replace a file that is open without POSIX rename
 * semantics (NTFS on Windows 10 1809+; not wine, FAT or many network shares), so w_rename may
 * have to close the handles that hold the target. */
static SRWLOCK open_lock = SRWLOCK_INIT;
static tp_io_file *open_files;

static void track(tp_io_file *f)
{
    AcquireSRWLockExclusive(&open_lock);
    f->next = open_files;
    open_files = f;
    ReleaseSRWLockExclusive(&open_lock);
}

static void untrack(tp_io_file *f)
{
    AcquireSRWLockExclusive(&open_lock);
    for (tp_io_file **p = &open_files; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    ReleaseSRWLockExclusive(&open_lock);
}

/* Closes (detaches) every handle of this process open on full path w; returns how many. */
static int detach_holders(const wchar_t *w)
{
    int n = 0;
    AcquireSRWLockExclusive(&open_lock);
    for (tp_io_file *f = open_files; f; f = f->next)
        if (f->h != INVALID_HANDLE_VALUE && f->full &&
            CompareStringOrdinal(f->full, -1, w, -1, TRUE) == CSTR_EQUAL) {
            CloseHandle(f->h);
            f->h = INVALID_HANDLE_VALUE;
            n++;
        }
    ReleaseSRWLockExclusive(&open_lock);
    return n;
}

/* The full form of path w (malloc'd), or NULL. */
static wchar_t *full_path(const wchar_t *w)
{
    DWORD n = GetFullPathNameW(w, 0, NULL, NULL);
    wchar_t *full = n ? malloc(n * sizeof *full) : NULL;
    if (full && GetFullPathNameW(w, n, full, NULL) >= n) {
        free(full);
        full = NULL;
    }
    return full;
}

/* After a rename: the files this process opened as from are now at to. */
static void retrack(const wchar_t *from, const wchar_t *to)
{
    AcquireSRWLockExclusive(&open_lock);
    for (tp_io_file *f = open_files; f; f = f->next)
        if (f->full && CompareStringOrdinal(f->full, -1, from, -1, TRUE) == CSTR_EQUAL) {
            size_t n = (wcslen(to) + 1) * sizeof *to;
            wchar_t *copy = malloc(n);
            if (copy) {
                memcpy(copy, to, n);
                free(f->full);
                f->full = copy;
            }
        }
    ReleaseSRWLockExclusive(&open_lock);
}

#define DETACHED(f) ((f)->h == INVALID_HANDLE_VALUE)

/* The lock byte: the last one a 64-bit offset can name, never file data. */
#define TPW_LOCK_OFF_HI 0xFFFFFFFFu
#define TPW_LOCK_OFF_LO 0xFFFFFFFEu

static int w_open(void *user, const char *path, int flags, tp_io_file **out)
{
    int rc;
    wchar_t *w = tpw_widen(path, &rc);
    tp_io_file *f = NULL;
    *out = NULL;
    if (!w)
        return rc;
    DWORD attr = GetFileAttributesW(w);
    if (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)) {
        rc = (flags & TP_IO_CREATE) ? -EEXIST : -EISDIR;
        goto fail;
    }
    if (!(f = calloc(1, sizeof *f))) {
        rc = -ENOMEM;
        goto fail;
    }
    DWORD access = GENERIC_READ | ((flags & TP_IO_WRITE) ? GENERIC_WRITE : 0);
    /* a new file is its owner's alone, wherever it is made (the Windows form of mode 0600) */
    PSECURITY_DESCRIPTOR sd = (flags & TP_IO_CREATE) ? tpw_owner_only_sd(&rc) : NULL;
    SECURITY_ATTRIBUTES sa = {sizeof sa, sd, FALSE};
    if ((flags & TP_IO_CREATE) && !sd)
        goto fail;
    f->h = CreateFileW(w, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                       sd ? &sa : NULL, (flags & TP_IO_CREATE) ? CREATE_NEW : OPEN_EXISTING,
                       FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD e = GetLastError();
    if (sd)
        LocalFree(sd);
    if (f->h == INVALID_HANDLE_VALUE) {
        rc = tpw_errno(e);
        goto fail;
    }
    if (GetFileType(f->h) != FILE_TYPE_DISK) {
        CloseHandle(f->h);
        rc = -EINVAL;
        goto fail;
    }
    f->full = full_path(w);
    free(w);
    track(f);
    *out = f;
    return 0;
fail:
    free(f);
    free(w);
    return rc;
}

static int w_close(void *user, tp_io_file *f)
{
    untrack(f);
    int rc = DETACHED(f) || CloseHandle(f->h) ? 0 : tpw_errno(GetLastError());
    free(f->full);
    free(f);
    return rc;
}

static int w_pread(void *user, tp_io_file *f, void *buf, size_t n, uint64_t off, size_t *got)
{
    if (DETACHED(f))
        return -EBADF;
    size_t done = 0;
    while (done < n) {
        OVERLAPPED ov = {0};
        uint64_t at = off + done;
        DWORD want = n - done > 0x40000000u ? 0x40000000u : (DWORD)(n - done), r = 0;
        ov.Offset = (DWORD)at;
        ov.OffsetHigh = (DWORD)(at >> 32);
        if (!ReadFile(f->h, (char *)buf + done, want, &r, &ov)) {
            DWORD e = GetLastError();
            if (e == ERROR_HANDLE_EOF)
                break;
            return tpw_errno(e);
        }
        if (r == 0)
            break;
        done += r;
    }
    *got = done;
    return 0;
}

static int w_pwrite(void *user, tp_io_file *f, const void *buf, size_t n, uint64_t off)
{
    if (DETACHED(f))
        return -EBADF;
    size_t done = 0;
    while (done < n) {
        OVERLAPPED ov = {0};
        uint64_t at = off + done;
        DWORD want = n - done > 0x40000000u ? 0x40000000u : (DWORD)(n - done), w = 0;
        ov.Offset = (DWORD)at;
        ov.OffsetHigh = (DWORD)(at >> 32);
        if (!WriteFile(f->h, (const char *)buf + done, want, &w, &ov))
            return tpw_errno(GetLastError());
        if (w == 0)
            return -EIO;
        done += w;
    }
    return 0;
}

static int w_sync(void *user, tp_io_file *f)
{
    if (DETACHED(f))
        return -EBADF;
    /* As with fsync, a failure is final for the caller (no retry). */
    return FlushFileBuffers(f->h) ? 0 : tpw_errno(GetLastError());
}

static int w_size(void *user, tp_io_file *f, uint64_t *out)
{
    if (DETACHED(f))
        return -EBADF;
    LARGE_INTEGER sz;
    if (!GetFileSizeEx(f->h, &sz))
        return tpw_errno(GetLastError());
    *out = (uint64_t)sz.QuadPart;
    return 0;
}

static int w_truncate(void *user, tp_io_file *f, uint64_t len)
{
    if (DETACHED(f))
        return -EBADF;
    FILE_END_OF_FILE_INFO eof;
    eof.EndOfFile.QuadPart = (LONGLONG)len;
    if (!SetFileInformationByHandle(f->h, FileEndOfFileInfo, &eof, sizeof eof))
        return tpw_errno(GetLastError());
    return 0;
}

static int w_lock(void *user, tp_io_file *f)
{
    if (DETACHED(f))
        return -EBADF;
    OVERLAPPED ov = {0};
    ov.Offset = TPW_LOCK_OFF_LO;
    ov.OffsetHigh = TPW_LOCK_OFF_HI;
    if (LockFileEx(f->h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov))
        return 0;
    DWORD e = GetLastError();
    return e == ERROR_LOCK_VIOLATION || e == ERROR_IO_PENDING ? -EWOULDBLOCK : tpw_errno(e);
}

/* Rename with POSIX semantics (the target may be open, as the journal is during a passphrase
 * change): Windows 10 1809+ on NTFS. Returns 0 or -errno. */
static int rename_posix(const wchar_t *from, const wchar_t *to)
{
    size_t n = wcslen(to);
    size_t sz = sizeof(FILE_RENAME_INFO) + (n + 1) * sizeof(wchar_t);
    FILE_RENAME_INFO *ri = calloc(1, sz);
    int rc = 0;
    if (!ri)
        return -ENOMEM;
    HANDLE h = CreateFileW(from, DELETE | SYNCHRONIZE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        free(ri);
        return tpw_errno(GetLastError());
    }
    /* FileRenameInfoEx (22): FILE_RENAME_FLAG_REPLACE_IF_EXISTS (1) | POSIX_SEMANTICS (2) */
    ri->Flags = 0x1 | 0x2;
    ri->FileNameLength = (DWORD)(n * sizeof(wchar_t));
    memcpy(ri->FileName, to, (n + 1) * sizeof(wchar_t));
    if (!SetFileInformationByHandle(h, (FILE_INFO_BY_HANDLE_CLASS)22, ri, (DWORD)sz))
        rc = tpw_errno(GetLastError());
    if (!rc && !FlushFileBuffers(h))
        rc = 0; /* a DELETE-only handle cannot be flushed; the rename itself has happened */
    CloseHandle(h);
    free(ri);
    return rc;
}

static int w_rename(void *user, const char *from, const char *to)
{
    int rc;
    wchar_t *wf = tpw_widen(from, &rc), *wt = wf ? tpw_widen(to, &rc) : NULL;
    if (!wt) {
        free(wf);
        return rc;
    }
    wchar_t *ff = full_path(wf), *ft = full_path(wt);
    if (MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        rc = 0;
    else {
        DWORD e = GetLastError();
        rc = tpw_errno(e);
        if (e == ERROR_ACCESS_DENIED || e == ERROR_SHARING_VIOLATION) { /* target open */
            if (rename_posix(wf, wt) == 0)
                rc = 0;
            else if (ft && detach_holders(ft) > 0 &&
                     MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
                rc = 0;
        }
    }
    if (rc == 0 && ff && ft)
        retrack(ff, ft);
    free(ff);
    free(ft);
    free(wf);
    free(wt);
    return rc;
}

static int w_unlink(void *user, const char *path)
{
    int rc;
    wchar_t *w = tpw_widen(path, &rc);
    if (!w)
        return rc;
    rc = DeleteFileW(w) ? 0 : tpw_errno(GetLastError());
    free(w);
    return rc;
}

static int w_sync_dir(void *user, const char *path)
{
    /* Windows has no fsync of a folder: renames are made durable by MOVEFILE_WRITE_THROUGH
     * and NTFS journals its metadata. What is left to check is that the folder is there. */
    size_t n = strlen(path);
    char *dir = malloc(n + 2);
    int rc;
    if (!dir)
        return -ENOMEM;
    memcpy(dir, path, n + 1);
    char *slash = strrchr(dir, '/'), *back = strrchr(dir, '\\');
    if (back && (!slash || back > slash))
        slash = back;
    if (!slash)
        strcpy(dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    wchar_t *w = tpw_widen(dir, &rc);
    free(dir);
    if (!w)
        return rc;
    DWORD attr = GetFileAttributesW(w);
    free(w);
    if (attr == INVALID_FILE_ATTRIBUTES)
        return tpw_errno(GetLastError());
    return (attr & FILE_ATTRIBUTE_DIRECTORY) ? 0 : -ENOTDIR;
}

static const tp_io win32_io = {
    .user = NULL,
    .open = w_open,
    .close = w_close,
    .pread = w_pread,
    .pwrite = w_pwrite,
    .sync = w_sync,
    .size = w_size,
    .truncate = w_truncate,
    .lock = w_lock,
    .rename = w_rename,
    .unlink = w_unlink,
    .sync_dir = w_sync_dir,
};

const tp_io *tp_io_posix(void)
{
    return &win32_io;
}
