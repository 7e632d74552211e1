/* A stand-in for Windows' bcryptprimitives.dll, which Wine 8 does not have. Rust's std gets its
   random numbers (HashMap seeds) from ProcessPrng in that DLL; this one fills the buffer from
   RtlGenRandom (advapi32's SystemFunction036), which Wine has. Used only to run tests under Wine. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
  while (size > 0) {
    ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
    if (!SystemFunction036(data, chunk)) {
      return FALSE;
    }
    data += chunk;
    size -= chunk;
  }
  return TRUE;
}
