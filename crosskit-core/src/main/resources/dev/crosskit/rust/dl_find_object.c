/* _dl_find_object for musl, over dl_iterate_phdr, and the thread functions libgcc_eh needs. gcc 12's unwinder (libgcc_eh.a), built
   against glibc 2.35+, finds a PC's unwind tables with glibc's _dl_find_object, which musl does
   not have. crosskit adds this object to the libgcc_eh.a copy that Rust's std links as
   libunwind on musl targets. Only the fields gcc's unwinder reads are filled in (the map range
   and the PT_GNU_EH_FRAME address); targets whose struct carries dlfo_eh_dbase (i386) are not
   served by this file. */
#define _GNU_SOURCE
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* libgcc_eh calls these through WEAK references (gthr-posix.h), and a weak reference does not
   pull a member out of a static libc.a: without this table uw_init_context_1 calls pthread_once
   at address 0. This object is always linked (it defines _dl_find_object), so its strong
   references bring musl's implementations in. */
void *const crosskit_unwind_threads[] = {
  (void *)pthread_once, (void *)pthread_mutex_lock, (void *)pthread_mutex_unlock,
  (void *)pthread_key_create, (void *)pthread_getspecific, (void *)pthread_setspecific,
};

struct crosskit_dl_find_object {
  unsigned long long dlfo_flags;
  void *dlfo_map_start;
  void *dlfo_map_end;
  void *dlfo_link_map;
  void *dlfo_eh_frame;
  unsigned long long reserved[7];
};

struct query {
  uintptr_t pc;
  struct crosskit_dl_find_object *out;
  int found;
};

static int visit(struct dl_phdr_info *info, size_t size, void *data) {
  struct query *q = data;
  const ElfW(Phdr) *eh = NULL;
  int inside = 0;
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  (void)size;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *p = &info->dlpi_phdr[i];
    if (p->p_type == PT_LOAD) {
      uintptr_t start = info->dlpi_addr + p->p_vaddr;
      uintptr_t end = start + p->p_memsz;
      if (q->pc >= start && q->pc < end) {
        inside = 1;
      }
      if (start < lo) {
        lo = start;
      }
      if (end > hi) {
        hi = end;
      }
    } else if (p->p_type == PT_GNU_EH_FRAME) {
      eh = p;
    }
  }
  if (!inside) {
    return 0;
  }
  memset(q->out, 0, sizeof *q->out);
  q->out->dlfo_map_start = (void *)lo;
  q->out->dlfo_map_end = (void *)hi;
  q->out->dlfo_eh_frame = eh ? (void *)(info->dlpi_addr + eh->p_vaddr) : NULL;
  q->found = 1;
  return 1;
}

int _dl_find_object(void *pc, struct crosskit_dl_find_object *out) {
  struct query q = {(uintptr_t)pc, out, 0};
  dl_iterate_phdr(visit, &q);
  return q.found ? 0 : -1;
}
