/* signals.h: on SIGINT, SIGTERM or SIGHUP, remove our temporary files and stop our worker
 * processes, then die of the signal as if we had not caught it.
 *
 * A temporary is the `.NAME.XXXXXX` file atomic.h writes next to an output until it is
 * renamed over it; a build interrupted half-way must leave none in the output folder
 * (docs/hardening.md).  The handler may only call async-signal-safe functions (unlink, kill,
 * sigaction, raise), so what it needs is kept ready in fixed tables: the paths of the open
 * temporaries (registered by atomic.c as each is created, unregistered once it is renamed or
 * removed) and the pids of the worker processes (cmd_build.c).  Each process has its own
 * tables: a forked worker removes its own temporaries. */
#ifndef MN_SIGNALS_H
#define MN_SIGNALS_H

#include <signal.h>
#include <sys/types.h>

/* Catch SIGINT, SIGTERM and SIGHUP for the rest of the process (a signal that was ignored when
 * minutes started, as under nohup, stays ignored).  Call once, early in main. */
void mn_signals_install (void);

/* Remember `path` (borrowed: it must stay valid until mn_signals_forget_path) as a temporary to
 * remove on a signal.  Returns 0, or -1 when the table is full (the file is still usable; only
 * its removal on a signal is lost).  Call with the signals blocked (mn_signals_block), between
 * creating the file and unblocking, so that no signal finds the file made but not known. */
int mn_signals_track_path (const char *path);

/* The temporary `path` is gone (renamed or removed): forget it.  Unknown paths are ignored. */
void mn_signals_forget_path (const char *path);

/* Block the three signals (store the previous mask in `*old`), and restore it. */
void mn_signals_block (sigset_t *old);
void mn_signals_unblock (const sigset_t *old);

/* Forward the signal to worker process `pid` too, until mn_signals_forget_child. */
void mn_signals_track_child (pid_t pid);
void mn_signals_forget_child (pid_t pid);

/* In a freshly forked worker: the parent's other workers are not ours to stop. */
void mn_signals_forget_children (void);

#endif
