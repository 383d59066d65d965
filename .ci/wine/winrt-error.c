/* Test harness only, never shipped: Wine 8.0 has no api-ms-win-core-winrt-error-l1-1-0.dll,
 * which Windows 10/11 have and the `windows` crate imports (RoOriginateErrorW). Originating an
 * error only attaches extra debugging information on Windows; FALSE says none was attached. */
#include <windows.h>

BOOL WINAPI RoOriginateErrorW(HRESULT error, UINT length, PCWSTR message)
{
    (void)error;
    (void)length;
    (void)message;
    return FALSE;
}
