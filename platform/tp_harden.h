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
 * read its /proc/PID/mem). Returns 0, or the first -errno (the program should go on: a
 * refused limit is not a reason to stop, but it may say so). */
int tp_harden_process(void);

/* free(p) after overwriting all of p's usable size with zeros (malloc_usable_size on glibc;
 * elsewhere the caller's own wipe is all there is). For buffers that held secrets but came
 * from plain malloc: cJSON's trees, strings and print buffers once tr_json_wipe_on_free is
 * on, the packed records. NULL is a no-op. */
void tp_wipe_free(void *p);

/* Scans every readable mapping of this process's own memory (through /proc/self/mem, Linux)
 * for the n-byte needle, which the caller holds only XOR-masked with `mask` so that it is not
 * itself found. Skips the scanner's own buffer, and mappings over 1 GiB (AddressSanitizer's
 * shadow memory) and those the kernel refuses to read. *found is the number of places found.
 * Returns 0, or -errno (-ENOSYS where there is no /proc/self/mem). For tests. */
int tp_mem_find_masked(const uint8_t *masked, size_t n, uint8_t mask, long *found);

#endif
