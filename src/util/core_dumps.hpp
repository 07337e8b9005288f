#pragma once

namespace mra {

// Once a password is in memory, a core file (or a debugger of the same user) could carry it out:
// no core files from here on (RLIMIT_CORE 0) and not dumpable (PR_SET_DUMPABLE 0, which also
// keeps other processes of the same user from ptrace and /proc/PID/mem).
void forbid_core_dumps();

}  // namespace mra
