/* What wait(2) and SIGCHLD report: the si_codes of SIGCHLD and waitid
 * (CLD_*). Data only; the status word itself is libos/wstatus.h. */
#ifndef LINUX_UAPI_WAIT_H
#define LINUX_UAPI_WAIT_H

#define LINUX_CLD_EXITED 1
#define LINUX_CLD_KILLED 2
#define LINUX_CLD_DUMPED 3
#define LINUX_CLD_TRAPPED 4
#define LINUX_CLD_STOPPED 5
#define LINUX_CLD_CONTINUED 6

#endif
