/* What uname(2), /proc/version and /proc/sys/kernel say this system is. */
#ifndef LINUX_SHIM_UTSNAME_H
#define LINUX_SHIM_UTSNAME_H

#define UTS_SYSNAME "Linux"
#define UTS_NODENAME "kdiff"
#define UTS_RELEASE "6.1.0-kdiff"
#define UTS_VERSION "#1 kdiff library OS"
#define UTS_DOMAINNAME "(none)"

#endif
