/* signals.c: removing our temporaries and stopping our workers on SIGINT/SIGTERM/SIGHUP. */
#include "signals.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* Open temporaries at once: a PDF, its layout dump, an HTML page, the index, the checksums —
 * a handful.  A path that does not fit is still written; only its removal on a signal is lost. */
#define MAX_PATHS 64
/* Worker processes: `minutes build -j` allows 1024. */
#define MAX_CHILDREN 1024

static const char *volatile paths[MAX_PATHS];  /* borrowed; NULL = free slot */
static volatile pid_t children[MAX_CHILDREN];  /* 0 = free slot */

static const int caught[] = { SIGINT, SIGTERM, SIGHUP };

/* Only async-signal-safe calls here (POSIX.1-2008 §2.4.3): unlink, kill, sigaction, raise. */
static void
on_signal (int sig)
{
  int saved = errno;
  for (int i = 0; i < MAX_PATHS; i++)
    {
      const char *p = paths[i];
      if (p)
        unlink (p);
    }
  for (int i = 0; i < MAX_CHILDREN; i++)
    {
      pid_t pid = children[i];
      if (pid > 0)
        kill (pid, sig);
    }
  /* Die of the same signal, so that the parent (a shell, make) sees how we ended: the signal
   * is blocked while we are here, and is delivered with its default action once we return. */
  struct sigaction dfl;
  memset (&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset (&dfl.sa_mask);
  sigaction (sig, &dfl, NULL);
  raise (sig);
  errno = saved;
}

void
mn_signals_install (void)
{
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
    sigaddset (&sa.sa_mask, caught[i]);
  for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
    {
      struct sigaction old;
      if (sigaction (caught[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        continue;   /* nohup, or a shell's `trap '' HUP`: stay ignored */
      sigaction (caught[i], &sa, NULL);
    }
}

void
mn_signals_block (sigset_t *old)
{
  sigset_t set;
  sigemptyset (&set);
  for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
    sigaddset (&set, caught[i]);
  sigprocmask (SIG_BLOCK, &set, old);
}

void
mn_signals_unblock (const sigset_t *old)
{
  sigprocmask (SIG_SETMASK, old, NULL);
}

int
mn_signals_track_path (const char *path)
{
  for (int i = 0; i < MAX_PATHS; i++)
    if (!paths[i])
      {
        paths[i] = path;
        return 0;
      }
  return -1;
}

void
mn_signals_forget_path (const char *path)
{
  for (int i = 0; i < MAX_PATHS; i++)
    if (paths[i] == path)
      paths[i] = NULL;
}

void
mn_signals_track_child (pid_t pid)
{
  for (int i = 0; i < MAX_CHILDREN; i++)
    if (children[i] == 0)
      {
        children[i] = pid;
        return;
      }
}

void
mn_signals_forget_child (pid_t pid)
{
  for (int i = 0; i < MAX_CHILDREN; i++)
    if (children[i] == pid)
      children[i] = 0;
}

void
mn_signals_forget_children (void)
{
  for (int i = 0; i < MAX_CHILDREN; i++)
    children[i] = 0;
}
