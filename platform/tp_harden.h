/* tp_harden: keeping secrets out of places they could leak from: core dumps, other processes'
 * ptrace, freed heap memory. Linux-specific parts sit behind this seam; elsewhere the calls do
 * what the system allows (see each). Platform code knows nothing of the core: calls return 0
 * or a negative errno value. */
#ifndef TP_HARDEN_H
#define TP_HARDEN_H

#include <stddef.h>
#include <stdint.h>

/* Call first thing in every program that may hold a passphrase or record plaintext: sets the
 * core-file size limit to 0 (a crash leaves no core file holding decrypted records) and, on
 * Linux, marks the process not dumpable (prctl PR_SET_DUMPABLE 0: no core dump through a
 * core_pattern pipe either, and other processes of the same user can no longer ptrace it or
 * read its /proc/PID/mem). On Windows (platform/win32/tp_harden_win32.c) a crash is kept from
 * Windows Error Reporting, which writes dumps there: a top-level exception filter ends the
 * process with the exception's code before WER (or wine's winedbg) starts, SetErrorMode turns
 * off the error boxes and WerSetFlags asks for no WER dialog. Not covered on Windows: a
 * fail-fast exit (__fastfail, used by Windows for detected heap or stack corruption) skips the
 * filter and reaches WER, which writes a dump if IT configured LocalDumps; and nothing stops
 * the same user's other processes or an administrator from reading the process's memory.
 * Returns 0, or the first -errno (the program should go on: a refused limit is not a reason to
 * stop, but it may say so). */
int tp_harden_process(void);

/* free(p) after overwriting all of p's usable size with zeros (malloc_usable_size on glibc,
 * _msize on Windows; elsewhere the caller's own wipe is all there is). For buffers that held
 * secrets but came from plain malloc: cJSON's trees, strings and print buffers once
 * tr_json_wipe_on_free is on, the packed records. NULL is a no-op. */
void tp_wipe_free(void *p);

/* Scans every readable mapping of this process's own memory (through /proc/self/mem on Linux;
 * on Windows every committed readable region, VirtualQuery and ReadProcessMemory)
 * for the n-byte needle, which the caller holds only XOR-masked with `mask` so that it is not
 * itself found. Skips the scanner's own buffer, and mappings over 1 GiB (AddressSanitizer's
 * shadow memory) and those the kernel refuses to read. *found is the number of places found.
 * Returns 0, or -errno (-ENOSYS on other systems). For tests. */
int tp_mem_find_masked(const uint8_t *masked, size_t n, uint8_t mask, long *found);

#endif
