/* tp_attr: compiler attributes whose spelling depends on the platform. */
#ifndef TP_ATTR_H
#define TP_ATTR_H

/* Marks a printf-like function (format string is argument f, the values start at argument a)
 * so the compiler checks its calls. mingw-w64's GCC reads plain "printf" as Microsoft's
 * format language; Trinn builds with __USE_MINGW_ANSI_STDIO=1 (C99 %zu, %lld, %ju) and says
 * gnu_printf there. Clang knows only "printf". */
#if defined(__MINGW32__)
#define TP_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#else
#define TP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#endif

#endif
