/* What uname(2), /proc/version and /proc/sys/kernel say this system is
 * (the host and domain names are the UTS namespace's: libos/uts.h). */
#ifndef LINUX_SHIM_UTSNAME_H
#define LINUX_SHIM_UTSNAME_H

#define UTS_SYSNAME "Linux"
#define UTS_RELEASE "6.1.0-kdiff"
#define UTS_VERSION "#1 kdiff library OS"

#endif
