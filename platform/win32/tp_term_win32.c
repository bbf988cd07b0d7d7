/* tp_term: the Windows implementation of platform/tp_term.h: binary standard streams, a UTF-8
 * console, UTF-8 arguments from the wide command line, and a prompt without echo through the
 * console API (CONIN$/CONOUT$, ENABLE_ECHO_INPUT off, ReadConsoleW). */
#include "tp_term.h"

#include <windows.h>

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpw_util.h"

int tp_term_init(int *argc, char ***argv)
{
    int n = 0;
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    SetConsoleOutputCP(CP_UTF8);
    SetConsoleCP(CP_UTF8);
    wchar_t **wargv = CommandLineToArgvW(GetCommandLineW(), &n);
    if (!wargv)
        return -ENOMEM;
    char **out = calloc((size_t)n + 1, sizeof *out);
    for (int i = 0; out && i < n; i++) {
        int sz = WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, NULL, 0, NULL, NULL);
        if (sz <= 0 || !(out[i] = malloc((size_t)sz))) {
            for (int k = 0; k < i; k++)
                free(out[k]);
            free(out);
            out = NULL;
            break;
        }
        WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, out[i], sz, NULL, NULL);
    }
    LocalFree(wargv);
    if (!out)
        return -ENOMEM;
    *argc = n;
    *argv = out; /* kept until exit, as the C runtime keeps its own argv */
    return 0;
}

int tp_term_read_secret(const char *prompt, char *buf, size_t cap, size_t *len)
{
    HANDLE in = CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                            OPEN_EXISTING, 0, NULL);
    HANDLE out = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_WRITE, NULL,
                             OPEN_EXISTING, 0, NULL);
    wchar_t line[1024];
    DWORD mode = 0, got = 0, wrote;
    size_t n = 0;
    int rc = 0, have_mode;
    *len = 0;
    if (in == INVALID_HANDLE_VALUE || !GetConsoleMode(in, &mode)) {
        rc = -ENOTTY;
        goto out;
    }
    have_mode = SetConsoleMode(in, (mode | ENABLE_LINE_INPUT) & ~(DWORD)ENABLE_ECHO_INPUT);
    if (out != INVALID_HANDLE_VALUE) {
        int wn = 0;
        wchar_t *wp = tpw_widen(prompt, &wn);
        if (wp)
            WriteConsoleW(out, wp, (DWORD)wcslen(wp), &wrote, NULL);
        free(wp);
    }
    /* Line input: each read returns up to the end of the line ("\r\n") or a full buffer. */
    for (int done = 0; !done;) {
        if (!ReadConsoleW(in, line, sizeof line / sizeof *line, &got, NULL) || got == 0) {
            rc = rc ? rc : -EIO;
            break;
        }
        if (got >= 1 && line[got - 1] == L'\n') {
            done = 1;
            got--;
            if (got >= 1 && line[got - 1] == L'\r')
                got--;
        }
        if (rc == 0 && got > 0) {
            int need = WideCharToMultiByte(CP_UTF8, 0, line, (int)got, NULL, 0, NULL, NULL);
            if (need <= 0 || n + (size_t)need > cap)
                rc = -E2BIG;
            else
                n += (size_t)WideCharToMultiByte(CP_UTF8, 0, line, (int)got, buf + n, need, NULL,
                                                 NULL);
        }
        SecureZeroMemory(line, sizeof line);
    }
    if (have_mode)
        SetConsoleMode(in, mode);
    if (out != INVALID_HANDLE_VALUE)
        WriteConsoleW(out, L"\r\n", 2, &wrote, NULL);
    *len = rc ? 0 : n;
out:
    if (in != INVALID_HANDLE_VALUE)
        CloseHandle(in);
    if (out != INVALID_HANDLE_VALUE)
        CloseHandle(out);
    return rc;
}
