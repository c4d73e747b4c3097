/* Symbolic names for the trace: errno values and signals. */
#ifndef LINUX_SHIM_NAMES_H
#define LINUX_SHIM_NAMES_H

/* "ENOMEM" for 12 (positive errno); NULL if unknown. */
const char *linux_errno_name(int err);

/* "SIGSEGV" for 11; "SIGRT5" style for real-time ones; NULL if out of
 * range. */
const char *linux_signal_name(int sig);

#endif
