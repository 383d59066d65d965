/* Test harness only, never shipped: Wine 8.0 has no bcryptprimitives.dll, which Windows 10/11
 * have and Rust's standard library imports (ProcessPrng). This stand-in fills the buffer
 * through RtlGenRandom (advapi32's SystemFunction036), which Wine does have. */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
