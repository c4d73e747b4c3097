/* The two output channels: program output and the kernel's trace/log. */
#ifndef HAL_CONSOLE_H
#define HAL_CONSOLE_H

#include <stddef.h>

/*
 * Write the program's stdout/stderr bytes to the first serial port, exactly
 * as given: no translation of '\n', no buffering that outlives the call.
 * MUST be usable from the first instruction of kernel_main().
 */
void hal_console_write(const void *buf, size_t len);

/*
 * Write to the trace channel (x86-64: debugcon port 0xe9; arm64: semihosting
 * or a second UART), kept apart from program output so trace lines never
 * interleave with it. Exact bytes, written before the call returns.
 */
void hal_trace_write(const void *buf, size_t len);

#endif
