/* Symbolic names for the trace: errno values, signals and si_codes, as
 * strace prints them. */
#ifndef LINUX_SHIM_NAMES_H
#define LINUX_SHIM_NAMES_H

/* "ENOMEM" for 12 (positive errno); NULL if unknown. */
const char *linux_errno_name(int err);

/* "SIGSEGV" for 11; "SIGRTMIN", "SIGRT_5"... for real-time ones; NULL if
 * out of range. */
const char *linux_signal_name(int sig);

/* strace's name for si_code `code` of signal `sig` ("SI_USER",
 * "SEGV_MAPERR", ...); NULL when unnamed. */
const char *linux_sicode_name(int sig, int code);

#endif
